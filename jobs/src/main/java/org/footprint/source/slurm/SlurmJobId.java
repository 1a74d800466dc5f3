package org.footprint.source.slurm;

import java.io.Serializable;

/**
 * A sacct JobID split into what sacct has no columns for (docs/formats.md): array task ({@code 1234_7}), pending array
 * range ({@code 1234_[8-100%4]}), heterogeneous component ({@code 1234+0}) and step ({@code 1234_7.batch},
 * {@code 1234.0}, {@code 1234.0+1} for a step of a heterogeneous srun). Allocation rows are counted once; steps only
 * refine usage, so {@link #isStep} decides which rows carry the job's energy.
 *
 * @param allocationId      the part before the first '.', e.g. {@code 1234_7}, {@code 1234+0}, {@code 1234}
 * @param step              null on allocation rows; {@code batch}, {@code extern}, {@code interactive}, {@code 0}
 * @param arrayParent       {@code 1234} for {@code 1234_7} and {@code 1234_[8-100%4]}, else null
 * @param arrayTask         7 for {@code 1234_7}, null otherwise (also for a pending range)
 * @param pendingArrayRange true for the one row standing for not-yet-started tasks
 * @param hetParent         {@code 1234} for {@code 1234+0}, else null
 * @param hetOffset         0 for {@code 1234+0}, else null
 */
public record SlurmJobId(String allocationId, String step, String arrayParent, Integer arrayTask,
                         boolean pendingArrayRange, String hetParent, Integer hetOffset) implements Serializable {

  private static final String FIELD = "JobID";
  private static final String FORMAT =
      "expected ID, ID_TASK, ID_[RANGE] or ID+OFFSET, optionally .STEP (numeric or a name such as batch)";
  /** Job ids are 32-bit in Slurm: ten digits is the most a real id has. */
  private static final int MAX_ID_DIGITS = 10;

  /** True for step rows ({@code .batch}, {@code .extern}, {@code .0}, ...). */
  public boolean isStep() {
    return step != null;
  }

  public static SlurmJobId parse(String jobId) {
    if (jobId == null || jobId.isBlank()) {
      throw new SlurmFieldException(FIELD, jobId, "empty job id");
    }
    String s = jobId.trim();
    int dot = s.indexOf('.');
    String alloc = dot < 0 ? s : s.substring(0, dot);
    String step = dot < 0 ? null : s.substring(dot + 1);
    if (step != null && !validStep(step)) {
      throw new SlurmFieldException(FIELD, jobId, FORMAT);
    }
    int us = alloc.indexOf('_');
    int plus = alloc.indexOf('+');
    if (us >= 0 && plus >= 0) {
      throw new SlurmFieldException(FIELD, jobId, "both an array task and a het component");
    }
    if (us >= 0) {
      String parent = alloc.substring(0, us);
      String task = alloc.substring(us + 1);
      requireId(parent, jobId);
      if (task.startsWith("[")) {
        if (!task.endsWith("]") || task.length() < 3 || !rangeChars(task, 1, task.length() - 1)) {
          throw new SlurmFieldException(FIELD, jobId, "bad pending array range, expected ID_[1-10%2]");
        }
        if (step != null) {
          throw new SlurmFieldException(FIELD, jobId, "a pending array range has no steps");
        }
        return new SlurmJobId(alloc, null, parent, null, true, null, null);
      }
      return new SlurmJobId(alloc, step, parent, smallInt(task, jobId), false, null, null);
    }
    if (plus >= 0) {
      String parent = alloc.substring(0, plus);
      requireId(parent, jobId);
      return new SlurmJobId(alloc, step, null, null, false, parent, smallInt(alloc.substring(plus + 1), jobId));
    }
    requireId(alloc, jobId);
    return new SlurmJobId(alloc, step, null, null, false, null, null);
  }

  /** Numeric step ids (optionally {@code +component}) or a word: batch, extern, interactive, TBD. */
  private static boolean validStep(String step) {
    if (step.isEmpty()) {
      return false;
    }
    char c0 = step.charAt(0);
    if (c0 >= '0' && c0 <= '9') {
      int plus = step.indexOf('+');
      return plus < 0 ? digits(step, 0, step.length())
          : digits(step, 0, plus) && digits(step, plus + 1, step.length());
    }
    for (int i = 0; i < step.length(); i++) {
      char c = step.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        return false;
      }
    }
    return true;
  }

  private static void requireId(String id, String jobId) {
    if (id.length() > MAX_ID_DIGITS || !digits(id, 0, id.length())) {
      throw new SlurmFieldException(FIELD, jobId, FORMAT);
    }
  }

  private static Integer smallInt(String s, String jobId) {
    if (s.length() > 9 || !digits(s, 0, s.length())) {
      throw new SlurmFieldException(FIELD, jobId, FORMAT);
    }
    return Integer.valueOf(s);
  }

  private static boolean digits(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Array range syntax: digits, ',', '-', '%' (throttle), ':' (step); must start with a digit. */
  private static boolean rangeChars(String s, int from, int to) {
    if (s.charAt(from) < '0' || s.charAt(from) > '9') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || c == ',' || c == '-' || c == '%' || c == ':')) {
        return false;
      }
    }
    return true;
  }
}
