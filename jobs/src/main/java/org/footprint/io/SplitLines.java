package org.footprint.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/**
 * The lines of one {@link TextSplit}, read as bytes so their file offsets are known: it starts after the first
 * line break at or after {@code start - 1} (the line across the boundary belongs to the split before) and stops
 * after the last line that begins before {@code end}. Bytes that are not UTF-8 become U+FFFD on their line, as
 * the whole-file readers decode them, so such a line is rejected with its number rather than failing the task.
 */
public final class SplitLines implements Closeable, LineRecordIterator.LineSource {
  private final InputStream in;
  private final long end;
  private final byte[] buf = new byte[1 << 16];
  private int bufPos;
  private int bufLen;
  /** file offset of buf[0] */
  private long bufOffset;
  private byte[] line = new byte[512];
  private int lineLen;
  private long lineStart;
  private boolean eof;

  public SplitLines(TextSplit split) throws IOException {
    this(open(split), split.start(), split.end());
  }

  /** @param in positioned at {@code max(0, start - 1)} */
  SplitLines(InputStream in, long start, long end) throws IOException {
    this.in = in;
    this.end = end;
    this.bufOffset = Math.max(0, start - 1);
    if (start > 0) {
      skipThroughLineBreak();
    }
  }

  private static InputStream open(TextSplit split) throws IOException {
    Path p = new Path(split.path());
    FSDataInputStream s = HadoopFs.of(p).open(p);
    if (split.start() > 0) {
      s.seek(split.start() - 1);
    }
    return s;
  }

  /** Moves to the next line of this split; false when there is none. */
  public boolean next() throws IOException {
    lineStart = bufOffset + bufPos;
    lineLen = 0;
    if (lineStart >= end) {
      return false;
    }
    while (true) {
      if (bufPos == bufLen && !fill()) {
        return lineLen > 0; // a last line without a line break
      }
      int i = bufPos;
      while (i < bufLen && buf[i] != '\n') {
        i++;
      }
      append(bufPos, i - bufPos);
      if (i < bufLen) {
        bufPos = i + 1;
        return true;
      }
      bufPos = bufLen;
    }
  }

  /** The current line's text, without its line break (a CR before it is kept: the line readers drop it). */
  public String text() {
    return new String(line, 0, lineLen, StandardCharsets.UTF_8);
  }

  /** Whether the current line holds {@code ascii} (case-insensitive): a cheap test before decoding it. */
  public boolean containsIgnoreCase(String ascii) {
    int n = ascii.length();
    outer:
    for (int i = 0; i + n <= lineLen; i++) {
      for (int j = 0; j < n; j++) {
        if (Character.toLowerCase((char) (line[i + j] & 0xff)) != Character.toLowerCase(ascii.charAt(j))) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** File offset of the current line's first byte. */
  public long lineStart() {
    return lineStart;
  }

  @Override
  public String readLine() throws IOException {
    return next() ? text() : null;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void skipThroughLineBreak() throws IOException {
    while (true) {
      if (bufPos == bufLen && !fill()) {
        return;
      }
      while (bufPos < bufLen) {
        if (buf[bufPos++] == '\n') {
          return;
        }
      }
    }
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    bufOffset += bufLen;
    bufPos = 0;
    bufLen = 0;
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      eof = true;
      return false;
    }
    bufLen = n;
    return true;
  }

  private void append(int from, int len) {
    if (lineLen + len > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + len));
    }
    System.arraycopy(buf, from, line, lineLen, len);
    lineLen += len;
  }
}
