package org.footprint.source.power;

import java.io.BufferedReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.footprint.io.LineRecordIterator;

/**
 * Streams one nvidia-smi log written by
 * {@code nvidia-smi --query-gpu=timestamp,index,uuid,name,power.draw,utilization.gpu --format=csv [-l N]}
 * (one file per node) into samples. Every non-blank, non-{@code #} line is a header or exactly one record:
 * a sample, or a reject with its reason.
 * <ul>
 *   <li>Header lines may repeat anywhere (the tool was restarted, logs were concatenated) and may change the
 *       columns; each applies to the lines after it. Headerless logs ({@code --format=csv,noheader[,nounits]})
 *       take the input's {@code fields} from conf.</li>
 *   <li>Timestamps are the node's local wall clock without offset: they are read in the cluster's
 *       {@code time_zone} (nodes are assumed to run in the cluster's zone), DST fall-back resolved by
 *       {@link LocalClock}.</li>
 *   <li>{@code [N/A]} / {@code [Not Supported]} values are missing values: the line is still a sample, with a
 *       null power or utilisation.</li>
 *   <li>The node is the {@code hostname} column when present, else the file name through {@code node_from_file}.</li>
 *   <li>The board is the {@code index} or {@code uuid} column, else a {@code pci.bus_id} or {@code serial} column
 *       ({@code gpu_board}). A line that none of them names is marked for {@link InterleavedBoards}, which tells the
 *       boards of a multi-GPU node apart by their position in each sampling round: without it the boards would be
 *       integrated as one series, and a node's energy divided by its number of boards.</li>
 * </ul>
 */
public final class NvidiaSmiCsvReader extends LineRecordIterator<PowerRecord> {
  private final String file;
  private final PowerInput input;
  private final String fileNode;
  private final LocalClock clock;
  private NvidiaSmiHeader header;
  private String problem;
  private long lineNo;
  /** Headers read so far: each starts a new section, and sampling rounds never span two. */
  private int section;

  public NvidiaSmiCsvReader(String file, BufferedReader in, PowerInput input) {
    this(file, in::readLine, 1, null, input);
  }

  /**
   * One split of a large log ({@link NvidiaSmiSplits}): its lines start at file line {@code firstLine}, under
   * {@code headerLine} (the header an earlier split of the file read; null when none was seen before this split).
   */
  NvidiaSmiCsvReader(String file, LineSource in, long firstLine, String headerLine, PowerInput input) {
    super(file, in, firstLine);
    this.file = file;
    this.input = input;
    this.fileNode = input.nodeFromPath(file);
    this.clock = new LocalClock(ZoneId.of(input.timeZone()));
    if (headerLine != null) {
      header = new NvidiaSmiHeader(split(headerLine));
      problem = header.problem();
      section++;
    }
  }

  /**
   * The records of one log: its lines, with the boards of lines that no column names told apart by
   * {@link InterleavedBoards} (those wait for their sampling round to end, so they may come after later lines).
   */
  static Iterator<PowerRecord> records(String file, BufferedReader in, PowerInput input) {
    return new InterleavedBoards(new NvidiaSmiCsvReader(file, in, input));
  }

  /** The same for one split of a log. */
  static Iterator<PowerRecord> records(String file, LineSource in, long firstLine, String headerLine,
      PowerInput input) {
    return new InterleavedBoards(new NvidiaSmiCsvReader(file, in, firstLine, headerLine, input));
  }

  /** Convenience for tests and small files. */
  public static List<PowerRecord> readAll(String file, BufferedReader in, PowerInput input) {
    List<PowerRecord> out = new ArrayList<>();
    records(file, in, input).forEachRemaining(out::add);
    return out;
  }

  @Override
  protected PowerRecord onLine(String line, long number) {
    lineNo = number;
    if (line.isBlank() || line.startsWith("#")) {
      return null; // not records: a trailing newline, a wrapper's comment
    }
    List<String> fields = split(line);
    if (NvidiaSmiHeader.mayBeHeader(line) && NvidiaSmiHeader.looksLikeHeader(fields)) {
      header = new NvidiaSmiHeader(fields);
      problem = header.problem();
      section++;
      return null;
    }
    if (header == null && problem == null) {
      if (input.fields() != null && !input.fields().isEmpty()) {
        header = new NvidiaSmiHeader(input.fields());
        problem = header.problem() == null ? null : "conf fields: " + header.problem();
      } else {
        problem = "no header line and no field list for this headerless (--format=csv,noheader) log: set the"
            + " input's fields in conf, e.g. [timestamp, index, uuid, name, power.draw, utilization.gpu]";
      }
    }
    if (problem != null) {
      return reject(line, problem);
    }
    return parse(line, fields);
  }

  private PowerRecord parse(String line, List<String> fields) {
    if (fields.size() != header.size) {
      return reject(line, "line has " + fields.size() + " fields where the header has " + header.size
          + (fields.size() < header.size ? " (truncated line?)" : ""));
    }
    String node = header.node >= 0 ? NvidiaSmiValues.text(fields.get(header.node)) : null;
    if (node == null) {
      node = fileNode;
    }
    if (node == null) {
      return reject(line, "no node: the log has no hostname column and node_from_file '" + input.nodePattern()
          + "' finds no node in the file name");
    }
    Instant ts;
    try {
      ts = time(fields.get(header.timestamp));
    } catch (PowerValueException e) {
      return reject(line, e.getMessage());
    }
    PowerRecord r = PowerRecord.sample(input.cluster(), PowerInput.NVIDIA_SMI, file, lineNo);
    r.node = node;
    r.ts = ts;
    r.section = section;
    try {
      r.tsSource = PowerRecord.TS_LOG;
      r.powerW = NvidiaSmiValues.watts("power.draw", fields.get(header.power));
      r.util = header.util < 0 ? null : NvidiaSmiValues.percentShare("utilization.gpu", fields.get(header.util));
      r.gpuIndex = header.index < 0 ? null : NvidiaSmiValues.index(fields.get(header.index));
      r.gpuUuid = header.uuid < 0 ? null : NvidiaSmiValues.text(fields.get(header.uuid));
      String boardId = header.boardId < 0 ? null : NvidiaSmiValues.text(fields.get(header.boardId));
      r.gpuBoard = boardId == null ? null : header.boardIdName + ":" + boardId;
      r.gpuModel = header.name < 0 ? null : NvidiaSmiValues.text(fields.get(header.name));
    } catch (PowerValueException e) {
      // a line with a bad value still took its place in the sampling round: the reject keeps node and time so
      // that the boards after it keep their positions
      PowerRecord rejected = reject(line, e.getMessage());
      rejected.node = node;
      rejected.ts = ts;
      rejected.section = section;
      rejected.boardFromPosition = header.index < 0 && header.uuid < 0 && header.boardId < 0;
      return rejected;
    }
    if (r.gpuIndex == null && r.gpuUuid == null && r.gpuBoard == null) {
      r.boardFromPosition = true;
      r.text = line;
    }
    return r;
  }

  private Instant time(String v) throws PowerValueException {
    Object t = NvidiaSmiValues.timestamp(v);
    return t instanceof LocalDateTime local ? clock.toInstant(local) : clock.seen((Instant) t);
  }

  private PowerRecord reject(String line, String reason) {
    return PowerRecord.reject(input.cluster(), PowerInput.NVIDIA_SMI, file, lineNo, line, reason);
  }

  /** nvidia-smi separates with ", " and never quotes (board names hold no commas). */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int comma = line.indexOf(',', from);
      if (comma < 0) {
        out.add(line.substring(from).trim());
        return out;
      }
      out.add(line.substring(from, comma).trim());
      from = comma + 1;
    }
  }
}
