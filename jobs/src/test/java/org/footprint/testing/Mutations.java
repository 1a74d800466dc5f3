package org.footprint.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded, reproducible damage to real input files, for the readers' fuzz tests: a file is cut into lines at
 * {@code \n}, some of its lines are hurt the way exports get hurt (cut short, a delimiter lost or doubled, random
 * bytes, bytes that are not UTF-8, a 1 MiB field), and the whole file may get CRLF line ends or a byte-order
 * mark. The same seed gives the same bytes, and {@link Mutated#describe} says what was done, so a failure can be
 * replayed. Random bytes never include CR or LF: the number of lines stays what the test expects (CRLF is its
 * own mutation).
 */
public final class Mutations {
  /** The kinds of damage to a line. */
  public enum Kind { TRUNCATE, DELETE_DELIMITER, DUPLICATE_DELIMITER, RANDOM_BYTES, NON_UTF8, HUGE_FIELD }

  /** One damaged file: its bytes, the seed that made them and what was done (for the failure message). */
  public record Mutated(byte[] bytes, long seed, List<String> applied) {
    public String describe() {
      return "seed " + seed + ": " + String.join(", ", applied);
    }

    /** The lines as the line readers see them: split at LF, a CR before it dropped, a leading BOM dropped. */
    public List<String> lines() {
      String text = new String(bytes, StandardCharsets.UTF_8);
      List<String> out = new ArrayList<>();
      int from = 0;
      while (from < text.length()) {
        int nl = text.indexOf('\n', from);
        String line = nl < 0 ? text.substring(from) : text.substring(from, nl);
        if (line.endsWith("\r")) {
          line = line.substring(0, line.length() - 1);
        }
        if (out.isEmpty() && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        out.add(line);
        from = nl < 0 ? text.length() : nl + 1;
      }
      return out;
    }
  }

  /** Size of the giant field: a runaway value, far beyond any real one. */
  public static final int HUGE = 1 << 20;

  private static final byte[][] NOT_UTF8 = {
      {(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, 0x41}};

  private Mutations() {}

  /**
   * @param original the file as it is
   * @param delimiters the characters that separate this format's fields (deleted or doubled)
   * @param firstMutable lines before this 0-based index are left alone (a header kept intact); the file-level
   *     mutations (CRLF, BOM) still apply
   * @param lineMutations how many line mutations (each on a random line from {@code firstMutable} on)
   */
  public static Mutated mutate(byte[] original, long seed, String delimiters, int firstMutable, int lineMutations) {
    Random rnd = new Random(seed);
    List<byte[]> lines = split(original);
    boolean endsWithNewline = original.length > 0 && original[original.length - 1] == '\n';
    List<String> applied = new ArrayList<>();
    boolean huge = false;
    int mutable = lines.size() - firstMutable;
    for (int i = 0; i < lineMutations && mutable > 0; i++) {
      int at = firstMutable + rnd.nextInt(mutable);
      Kind kind = Kind.values()[rnd.nextInt(Kind.values().length)];
      if (kind == Kind.HUGE_FIELD && (huge || rnd.nextInt(4) != 0)) {
        kind = Kind.RANDOM_BYTES; // at most one giant field per file, and not in most files: memory and time
      }
      huge |= kind == Kind.HUGE_FIELD;
      byte[] line = lines.get(at);
      byte[] hurt = apply(kind, line, delimiters, rnd);
      lines.set(at, hurt);
      applied.add(kind + "@line" + (at + 1));
    }
    boolean crlf = rnd.nextInt(5) == 0;
    boolean bom = rnd.nextInt(5) == 0;
    ByteArrayOutputStream out = new ByteArrayOutputStream(original.length + (huge ? HUGE : 0) + 64);
    if (bom) {
      out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      applied.add("BOM");
    }
    if (crlf) {
      applied.add("CRLF");
    }
    for (int i = 0; i < lines.size(); i++) {
      out.writeBytes(lines.get(i));
      if (i < lines.size() - 1 || endsWithNewline) {
        if (crlf) {
          out.write('\r');
        }
        out.write('\n');
      }
    }
    return new Mutated(out.toByteArray(), seed, applied);
  }

  static byte[] apply(Kind kind, byte[] line, String delimiters, Random rnd) {
    switch (kind) {
      case TRUNCATE:
        return line.length == 0 ? line : slice(line, 0, rnd.nextInt(line.length));
      case DELETE_DELIMITER: {
        int at = delimiterAt(line, delimiters, rnd);
        return at < 0 ? line : concat(slice(line, 0, at), slice(line, at + 1, line.length));
      }
      case DUPLICATE_DELIMITER: {
        int at = delimiterAt(line, delimiters, rnd);
        return at < 0 ? line : concat(slice(line, 0, at + 1), slice(line, at, line.length));
      }
      case RANDOM_BYTES: {
        byte[] junk = new byte[1 + rnd.nextInt(8)];
        for (int i = 0; i < junk.length; i++) {
          byte b;
          do {
            b = (byte) rnd.nextInt(256);
          } while (b == '\n' || b == '\r');
          junk[i] = b;
        }
        return insert(line, rnd.nextInt(line.length + 1), junk);
      }
      case NON_UTF8:
        return insert(line, rnd.nextInt(line.length + 1), NOT_UTF8[rnd.nextInt(NOT_UTF8.length)]);
      case HUGE_FIELD: {
        byte[] field = new byte[HUGE];
        for (int i = 0; i < field.length; i++) {
          field[i] = (byte) ('a' + i % 26);
        }
        int at = delimiterAt(line, delimiters, rnd);
        return insert(line, at < 0 ? line.length : at, field);
      }
      default:
        throw new IllegalArgumentException(kind.toString());
    }
  }

  private static int delimiterAt(byte[] line, String delimiters, Random rnd) {
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < line.length; i++) {
      if (delimiters.indexOf(line[i]) >= 0) {
        at.add(i);
      }
    }
    return at.isEmpty() ? -1 : at.get(rnd.nextInt(at.size()));
  }

  private static List<byte[]> split(byte[] bytes) {
    List<byte[]> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        out.add(slice(bytes, from, i));
        from = i + 1;
      }
    }
    if (from < bytes.length) {
      out.add(slice(bytes, from, bytes.length));
    }
    return out;
  }

  private static byte[] slice(byte[] b, int from, int to) {
    byte[] out = new byte[to - from];
    System.arraycopy(b, from, out, 0, out.length);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] insert(byte[] line, int at, byte[] what) {
    return concat(concat(slice(line, 0, at), what), slice(line, at, line.length));
  }
}
