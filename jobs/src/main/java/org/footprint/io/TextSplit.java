package org.footprint.io;

import java.io.Serializable;

/**
 * A byte range [start, end) of a line-oriented input file, read by one task. It owns the lines that begin
 * inside it (the line running across {@code start} belongs to the split before). {@code firstLine} is the file's
 * 1-based number of its first owned line, so rejects keep exact line numbers; {@code header} is the header line in
 * effect where it begins (null: none seen before it), since only the first split holds the file's header.
 */
public record TextSplit(String path, long start, long end, long firstLine, String header) implements Serializable {

  /** A whole file, read from its first byte. */
  public static TextSplit whole(String path, long length) {
    return new TextSplit(path, 0, length, 1, null);
  }

  public long length() {
    return end - start;
  }

  TextSplit numbered(long firstLine, String header) {
    return new TextSplit(path, start, end, firstLine, header);
  }
}
