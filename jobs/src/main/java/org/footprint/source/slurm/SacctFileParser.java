package org.footprint.source.slurm;

import java.io.BufferedReader;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.footprint.io.LineRecordIterator;

/**
 * Streams one sacct {@code --parsable2}/{@code -p} export, line by line, into {@link SacctRecord}s. Never
 * throws for bad data: every non-blank data line becomes exactly one record, a reject when it cannot be read.
 * Lazy, so a multi-GB export is not held in memory.
 */
public final class SacctFileParser extends LineRecordIterator<SacctRecord> {
  private final String file;
  private final SacctInput input;
  private final String delimiter;
  private final SacctRowParser rowParser;
  private SacctHeader header;
  /** the columns come from the input's field list (a headerless -n export), not from a header line */
  private boolean headerFromFields;
  private String fileProblem;
  private long lineNo;

  public SacctFileParser(String file, BufferedReader in, SacctInput input) {
    this(file, in::readLine, 1, null, input);
  }

  /**
   * One split of a large export: its lines start at file line {@code firstLine}, under {@code headerLine} (the
   * header an earlier split of the file read; null when none was seen before this split).
   */
  public SacctFileParser(String file, LineSource in, long firstLine, String headerLine, SacctInput input) {
    super(file, in, firstLine);
    this.file = file;
    this.input = input;
    this.delimiter = input.delimiterOrDefault();
    this.rowParser = new SacctRowParser(input.cluster(), ZoneId.of(input.timeZone()), file, input.memoryUnits(),
        input.migWholeBoards());
    if (headerLine != null) {
      header = new SacctHeader(dropTrailingEmpty(SacctLineSplitter.split(headerLine, delimiter)));
    }
  }

  /** Whether a line (without CR and BOM) is a sacct header line, split by this delimiter. */
  static boolean isHeaderLine(String line, String delimiter) {
    return SacctHeader.looksLikeHeader(SacctLineSplitter.split(line, delimiter));
  }

  /** Convenience for tests and small files. */
  public static List<SacctRecord> parseAll(String file, BufferedReader in, SacctInput input) {
    List<SacctRecord> out = new ArrayList<>();
    new SacctFileParser(file, in, input).forEachRemaining(out::add);
    return out;
  }

  @Override
  protected SacctRecord onLine(String line, long number) {
    lineNo = number;
    if (line.isBlank()) {
      return null; // blank lines are not records (a trailing newline, a concatenated export)
    }
    List<String> fields = SacctLineSplitter.split(line, delimiter);
    if (header == null && fileProblem == null) {
      if (SacctHeader.looksLikeHeader(fields)) {
        header = new SacctHeader(dropTrailingEmpty(fields));
        return null;
      }
      String other = SacctHeader.otherDelimiterOfHeader(line, delimiter);
      if (other != null) {
        // a header written with another separator: saying "no header" (or reading it as data) would mislead
        fileProblem = "wrong delimiter: the first line is a sacct header when split on " + SacctHeader.shown(other)
            + ", not on " + SacctHeader.shown(delimiter) + ": pass --delimiter " + SacctHeader.shown(other)
            + " (or set the input's delimiter in conf)";
      } else if (input.fields() != null && !input.fields().isEmpty()) {
        header = new SacctHeader(input.fields());
        headerFromFields = true;
      } else {
        fileProblem = "no header line and no field list for this headerless (-n) export: set the input's"
            + " fields in conf or pass --fields";
      }
    }
    if (fileProblem != null) {
      return SacctRecord.reject(input.cluster(), file, lineNo, line, fileProblem);
    }
    if (SacctHeader.looksLikeHeader(fields) && fields.size() >= header.size()) {
      // a second header: exports concatenated with cat; same columns expected
      header = new SacctHeader(dropTrailingEmpty(fields));
      headerFromFields = false;
      return null;
    }
    return parseData(line, fields);
  }

  private SacctRecord parseData(String line, List<String> fields) {
    int n = header.size();
    if (fields.size() == n + 1 && fields.get(n).isEmpty()) {
      fields = fields.subList(0, n); // sacct -p ends every line with the delimiter
    }
    if (fields.size() < n) {
      String other = SacctHeader.delimiterGiving(line, n, delimiter);
      return SacctRecord.reject(input.cluster(), file, lineNo, line, other != null
          ? "wrong delimiter: the line has " + n + " fields when split on " + SacctHeader.shown(other) + ", as many as"
              + " the " + (headerFromFields ? "field list" : "header") + " names, and " + fields.size() + " when split on "
              + SacctHeader.shown(delimiter) + ": pass --delimiter " + SacctHeader.shown(other)
              + " (or set the input's delimiter in conf)"
          : "line has " + fields.size() + " fields where the header has " + n + " (truncated line?)");
    }
    if (fields.size() == n) {
      try {
        return rowParser.parse(header, fields, lineNo);
      } catch (SlurmFieldException | IllegalArgumentException e) {
        return SacctRecord.reject(input.cluster(), file, lineNo, line, e.getMessage());
      }
    }
    return repair(line, fields);
  }

  /**
   * More fields than columns: a value contained the delimiter. Try rejoining the extra fields into each
   * free-text column; keep the placement under which the rest of the row still parses, if exactly one does.
   */
  private SacctRecord repair(String line, List<String> fields) {
    int extra = fields.size() - header.size();
    List<SacctRecord> fits = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int c : header.freeTextIndices()) {
      List<String> candidate = new ArrayList<>(fields.subList(0, c));
      candidate.add(SacctLineSplitter.join(fields, c, c + extra, delimiter));
      candidate.addAll(fields.subList(c + extra + 1, fields.size()));
      try {
        SacctRecord r = rowParser.parse(header, candidate, lineNo);
        fits.add(r);
        names.add(headerName(c));
      } catch (SlurmFieldException | IllegalArgumentException e) {
        // this placement leaves typed columns unparseable: not the right one
      }
    }
    if (fits.size() == 1) {
      SacctRecord r = fits.get(0);
      r.notes = append(r.notes, "rejoined '" + delimiter + "' inside " + names.get(0));
      return r;
    }
    if (!fits.isEmpty() && fits.stream().allMatch(r -> SacctRecord.ARRAY_PENDING.equals(r.kind))) {
      // a pending array's row is skipped whichever free-text column holds the extra delimiter: nothing is guessed
      return fits.get(0);
    }
    String reason = fits.isEmpty()
        ? "line has " + fields.size() + " fields where the header has " + header.size()
            + " and no free-text column can hold the extra '" + delimiter + "'"
        : "line has " + (extra) + " extra '" + delimiter + "' that could belong to any of " + names
            + ": ambiguous, not guessed";
    return SacctRecord.reject(input.cluster(), file, lineNo, line, reason);
  }

  private String headerName(int i) {
    return header.nameAt(i);
  }

  static String append(String notes, String note) {
    return notes == null || notes.isEmpty() ? note : notes + "; " + note;
  }

  private static List<String> dropTrailingEmpty(List<String> fields) {
    if (fields.size() > 1 && fields.get(fields.size() - 1).isEmpty()) {
      return fields.subList(0, fields.size() - 1);
    }
    return fields;
  }
}
