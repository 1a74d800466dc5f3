package org.footprint.source.power;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * Tells apart the boards of an nvidia-smi log that names them by no column (no index, uuid, pci.bus_id or serial:
 * {@code --query-gpu=timestamp,name,memory.total,power.draw,...} on a multi-GPU node). nvidia-smi prints one line
 * per board per sampling round, always in the same board order, and each line's timestamp is taken when that
 * board is queried, so the lines of one round are milliseconds apart and rounds are the {@code -l} interval apart
 * (whole seconds). The rule, per file, node and header (a restart of the tool starts afresh):
 * <ol>
 *   <li>A line opens a new round when it is more than {@value #ROUND_GAP_MS} ms after the previous line of its
 *       node (or before it); otherwise it belongs to the same round.</li>
 *   <li>The node's number of boards is the most frequent round size among its first {@value #LEARN_ROUNDS}
 *       rounds (the larger on a tie), accepted only when at least half of them have that size.</li>
 *   <li>In every round of exactly that size, the k-th line is board {@code position:k} (gpu_board). Position k is
 *       not taken as nvidia-smi index k: {@code nvidia-smi -i 2,3} prints boards 2 and 3 at positions 0 and 1, so
 *       jobs that know their GPU indices are not matched to these boards; jobs matched by node share are.</li>
 *   <li>Every other line is skipped with its reason and counted as warned ({@link PowerRecord#BOARD_UNKNOWN}): a
 *       round of another size (the log cut mid-round, a board lost), every round of a node whose sizes do not
 *       settle, a "round" of more than {@value #MAX_BOARDS} lines (sampled faster than every
 *       {@value #ROUND_GAP_MS} ms, {@code -lms}), a round whose board names differ by position from the node's
 *       first placed round. Interleaved boards are never integrated as one series.</li>
 * </ol>
 * A line rejected for a bad value still holds its place in its round (its neighbours keep their positions).
 *
 * <p>Memory stays bounded whatever the file size: per node one open round and, until the number of boards is
 * settled, at most {@value #LEARN_ROUNDS} rounds of at most {@value #MAX_BOARDS} lines.
 */
final class InterleavedBoards implements Iterator<PowerRecord> {
  static final long ROUND_GAP_MS = 500;
  static final int LEARN_ROUNDS = 8;
  static final int MAX_BOARDS = 64;
  static final String POSITION = "position:";

  private final Iterator<PowerRecord> lines;
  private final Deque<PowerRecord> ready = new ArrayDeque<>();
  private final Map<String, NodeRounds> nodes = new LinkedHashMap<>();
  private final Map<String, PowerRecord> skips = new LinkedHashMap<>();
  private int section = Integer.MIN_VALUE;
  private boolean drained;

  InterleavedBoards(Iterator<PowerRecord> lines) {
    this.lines = lines;
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && !drained) {
      if (lines.hasNext()) {
        accept(lines.next());
      } else {
        endSection();
        ready.addAll(skips.values());
        drained = true;
      }
    }
    return !ready.isEmpty();
  }

  @Override
  public PowerRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  private void accept(PowerRecord r) {
    if (!r.boardFromPosition) {
      ready.add(r);
      return;
    }
    if (r.section != section) {
      endSection();
      section = r.section;
    }
    if (PowerRecord.REJECT.equals(r.kind)) {
      ready.add(r); // counted as rejected; it only holds its place in the round
    }
    nodes.computeIfAbsent(r.node, NodeRounds::new).add(r);
  }

  private void endSection() {
    nodes.values().forEach(NodeRounds::end);
    nodes.clear();
  }

  private void skip(PowerRecord r, String reason) {
    if (!PowerRecord.SAMPLE.equals(r.kind)) {
      return;
    }
    PowerRecord t = skips.get(reason);
    if (t == null) {
      t = PowerRecord.skipped(r.cluster, r.source, r.file, r.line, 1, r.text, reason);
      t.kind = PowerRecord.BOARD_UNKNOWN;
      skips.put(reason, t);
    } else {
      t.lines++;
    }
  }

  private static final String NO_ID = "no index, uuid, pci.bus_id or serial column names the board, and ";

  /** The rounds of one node in the current section. */
  private final class NodeRounds {
    private final String node;
    private List<PowerRecord> round = new ArrayList<>();
    private Instant last;
    /** The open round passed {@link #MAX_BOARDS} lines: its lines are skipped until the next gap. */
    private boolean overflow;
    /** Rounds held until the number of boards is known; null stands for an overflowed one (already skipped). */
    private final List<List<PowerRecord>> learning = new ArrayList<>();
    /** Boards per round once settled; 0 when the round sizes did not settle; -1 while learning. */
    private int boards = -1;
    /** The board name seen at each position (the first that is not [N/A]). */
    private String[] names;
    private String tooMany;

    NodeRounds(String node) {
      this.node = node;
    }

    void add(PowerRecord r) {
      if (last != null && (r.ts.isBefore(last) || Duration.between(last, r.ts).toMillis() > ROUND_GAP_MS)) {
        closeRound();
      }
      last = r.ts;
      if (overflow) {
        skip(r, tooMany());
        return;
      }
      round.add(r);
      if (round.size() > MAX_BOARDS) {
        round.forEach(x -> skip(x, tooMany()));
        round = new ArrayList<>();
        overflow = true;
      }
    }

    void end() {
      closeRound();
      if (boards < 0) {
        settle();
      }
    }

    private void closeRound() {
      List<PowerRecord> closed = overflow ? null : round;
      if (!overflow && round.isEmpty()) {
        return;
      }
      round = new ArrayList<>();
      overflow = false;
      if (boards >= 0) {
        place(closed);
        return;
      }
      learning.add(closed);
      if (learning.size() == LEARN_ROUNDS) {
        settle();
      }
    }

    private void settle() {
      Map<Integer, Integer> sizes = new TreeMap<>();
      for (List<PowerRecord> r : learning) {
        if (r != null) {
          sizes.merge(r.size(), 1, Integer::sum);
        }
      }
      int best = 0;
      int bestCount = 0;
      for (Map.Entry<Integer, Integer> e : sizes.entrySet()) { // ascending: a tie goes to the larger size
        if (e.getValue() >= bestCount) {
          best = e.getKey();
          bestCount = e.getValue();
        }
      }
      boards = bestCount * 2 >= learning.size() ? best : 0;
      for (List<PowerRecord> r : learning) {
        place(r);
      }
      learning.clear();
    }

    private void place(List<PowerRecord> r) {
      if (r == null) {
        return; // an overflowed round, skipped as it was read
      }
      if (boards == 0) {
        r.forEach(x -> skip(x, NO_ID + "the sizes of node " + node + "'s sampling rounds vary: which line is which"
            + " board cannot be told"));
        return;
      }
      if (r.size() != boards) {
        r.forEach(x -> skip(x, NO_ID + "this sampling round of node " + node + " has " + r.size()
            + " line(s) where its rounds have " + boards + " (log cut mid-round? board lost?)"));
        return;
      }
      if (!sameBoards(r)) {
        r.forEach(x -> skip(x, NO_ID + "the board names by position in this round of node " + node
            + " differ from its earlier rounds"));
        return;
      }
      for (int k = 0; k < r.size(); k++) {
        PowerRecord x = r.get(k);
        if (PowerRecord.SAMPLE.equals(x.kind)) {
          x.gpuBoard = POSITION + k;
          x.text = null;
          ready.add(x);
        }
      }
    }

    /** Whether each position shows the board name it showed before (a cheap check on mixed-board nodes). */
    private boolean sameBoards(List<PowerRecord> r) {
      if (names == null) {
        names = new String[boards];
      }
      for (int k = 0; k < boards; k++) {
        String name = r.get(k).gpuModel;
        if (name != null && names[k] != null && !name.equals(names[k])) {
          return false;
        }
      }
      for (int k = 0; k < boards; k++) {
        if (names[k] == null) {
          names[k] = r.get(k).gpuModel;
        }
      }
      return true;
    }

    /** The reason for the lines of an overflowed round: built once, a -lms log can have millions of them. */
    private String tooMany() {
      if (tooMany == null) {
        tooMany = NO_ID + "more than " + MAX_BOARDS + " lines of node " + node + " follow each other within "
            + ROUND_GAP_MS + " ms: not one sampling round (sampled faster than every " + ROUND_GAP_MS
            + " ms? log the index)";
      }
      return tooMany;
    }
  }
}
