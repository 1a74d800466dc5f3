package org.footprint.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A lazy iterator over the records of a line-oriented file: subclasses turn one physical line (CR and a
 * leading BOM removed, 1-based number known) into a record, or into nothing (headers, blank lines). Shared by
 * the per-file readers so none of them holds a whole export in memory.
 */
public abstract class LineRecordIterator<T> implements Iterator<T> {
  /** Where the lines come from: a whole file's reader, or one split of a large file ({@link SplitLines}). */
  public interface LineSource {
    /** The next line without its line break, or null at the end. */
    String readLine() throws IOException;
  }

  private final String file;
  private final LineSource in;
  private long lineNo;
  private T pending;
  private boolean done;

  protected LineRecordIterator(String file, BufferedReader in) {
    this(file, in::readLine, 1);
  }

  /** @param firstLineNo the file's 1-based number of the first line {@code in} gives */
  protected LineRecordIterator(String file, LineSource in, long firstLineNo) {
    this.file = file;
    this.in = in;
    this.lineNo = firstLineNo - 1;
  }

  /** The record of this line, or null when the line is not a record. */
  protected abstract T onLine(String line, long lineNo);

  protected final String file() {
    return file;
  }

  @Override
  public final boolean hasNext() {
    if (pending == null && !done) {
      pending = advance();
      done = pending == null;
    }
    return pending != null;
  }

  @Override
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T r = pending;
    pending = null;
    return r;
  }

  private T advance() {
    try {
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.endsWith("\r")) {
          line = line.substring(0, line.length() - 1);
        }
        if (lineNo == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        T r = onLine(line, lineNo);
        if (r != null) {
          return r;
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file + " at line " + lineNo, e);
    }
  }
}
