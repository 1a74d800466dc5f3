package org.footprint.source.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;

/**
 * The JobID and JobIDRaw texts sacct would print for a JSON job or step, so that {@link SlurmJobId#parse} splits
 * them exactly as it splits a parsable2 line. The precedence is sacct's own (slurmdb_get_job_id_str): a pending
 * array range, then an array task, then a het component, then the plain id.
 */
final class SacctJsonIds {
  /** Step ids of the special steps, as uint32 (slurm.h), for exports that write them as numbers. */
  private static final long PENDING_STEP = 0xFFFF_FFFDL;
  private static final long EXTERN_STEP = 0xFFFF_FFFCL;
  private static final long BATCH_STEP = 0xFFFF_FFFBL;
  private static final long INTERACTIVE_STEP = 0xFFFF_FFFAL;

  private SacctJsonIds() {}

  /** {@code 1234}, {@code 1234_7}, {@code 1234+1} or {@code 1234_[3-9%2]}. */
  static String jobId(JsonNode job) {
    long raw = requiredJobId(job);
    JsonNode array = job.path("array");
    Long arrayId = JsonNumbers.uint32(array.get("job_id"), "array.job_id");
    String taskRange = JsonNumbers.text(array.get("task"));
    if (taskRange != null && arrayId != null && arrayId > 0) {
      Long max = JsonNumbers.uint32(array.path("limits").path("max").path("running").get("tasks"),
          "array.limits.max.running.tasks");
      return arrayId + "_[" + ranges(taskRange) + (max != null && max > 0 ? "%" + max : "") + "]";
    }
    // task_id null (dbv0.0.37) or set=false (data_parser): not an array task, even when array.job_id == job_id
    Long task = JsonNumbers.uint32(array.get("task_id"), "array.task_id");
    if (task != null && arrayId != null && arrayId > 0) {
      return arrayId + "_" + task;
    }
    Long hetId = JsonNumbers.uint32(job.path("het").get("job_id"), "het.job_id");
    Long offset = JsonNumbers.uint32(job.path("het").get("job_offset"), "het.job_offset");
    if (hetId != null && hetId > 0 && offset != null) {
      return hetId + "+" + offset;
    }
    return Long.toString(raw);
  }

  static long requiredJobId(JsonNode job) {
    Long raw = JsonNumbers.uint32(job.get("job_id"), "job_id");
    if (raw == null || raw <= 0) {
      throw new SlurmFieldException("job_id", String.valueOf(job.get("job_id")), "missing or not a job id");
    }
    return raw;
  }

  /**
   * The step part after the dot ({@code batch}, {@code extern}, {@code 0}, {@code 0+1}) and the raw job id the step
   * belongs to. {@code step.id} is "1234.batch" in data_parser exports; older ones split it into {@code step.job_id}
   * and a name or number in {@code step.id}, or nest {@code {job_id, step_id}}.
   *
   * @return {rawJobId, step}
   */
  static String[] stepId(JsonNode step, long jobIdRaw) {
    JsonNode s = step.path("step");
    JsonNode id = s.get("id");
    if (id != null && id.isObject() && (id.has("step_id") || id.has("job_id"))) {
      s = id;
      id = id.get("step_id");
    }
    Long ownJob = JsonNumbers.uint32(s.get("job_id"), "step.job_id");
    String jobPart = ownJob == null ? Long.toString(jobIdRaw) : ownJob.toString();
    String stepPart;
    if (id != null && id.isTextual()) {
      String t = id.textValue().trim();
      int dot = t.indexOf('.');
      if (dot >= 0) {
        jobPart = t.substring(0, dot);
        stepPart = t.substring(dot + 1);
      } else {
        stepPart = t;
      }
    } else {
      Long n = JsonNumbers.longValue(id, "step.id");
      if (n == null) {
        throw new SlurmFieldException("step.id", String.valueOf(id), "missing step id");
      }
      stepPart = specialStep(n);
    }
    Long comp = JsonNumbers.uint32(s.path("het").get("component"), "step.het.component");
    if (comp != null && stepPart.indexOf('+') < 0) {
      stepPart = stepPart + "+" + comp;
    }
    if (stepPart.isEmpty()) {
      throw new SlurmFieldException("step.id", String.valueOf(id), "empty step id");
    }
    return new String[] {jobPart, stepPart};
  }

  private static String specialStep(long n) {
    if (n == BATCH_STEP) {
      return "batch";
    }
    if (n == EXTERN_STEP) {
      return "extern";
    }
    if (n == INTERACTIVE_STEP) {
      return "interactive";
    }
    if (n == PENDING_STEP) {
      return "TBD";
    }
    return Long.toString(n);
  }

  /**
   * A pending array's task set as sacct prints it: the database keeps it as a hex bitmap ({@code 0x3F8} = tasks
   * 3..9), which sacct turns into ranges; a text already in range form is kept. Strides ({@code 1-9:2}) are not
   * reconstructed, plain ranges are.
   */
  static String ranges(String tasks) {
    if (!(tasks.startsWith("0x") || tasks.startsWith("0X"))) {
      return tasks;
    }
    BigInteger bits;
    try {
      bits = new BigInteger(tasks.substring(2), 16);
    } catch (NumberFormatException e) {
      throw new SlurmFieldException("array.task", tasks, "bad hex task bitmap");
    }
    StringBuilder sb = new StringBuilder();
    int i = bits.getLowestSetBit();
    while (i >= 0 && i < bits.bitLength()) {
      int j = i;
      while (bits.testBit(j + 1)) {
        j++;
      }
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(i);
      if (j > i) {
        sb.append('-').append(j);
      }
      i = nextSetBit(bits, j + 1);
    }
    if (sb.length() == 0) {
      throw new SlurmFieldException("array.task", tasks, "empty task bitmap");
    }
    return sb.toString();
  }

  private static int nextSetBit(BigInteger bits, int from) {
    for (int k = from; k < bits.bitLength(); k++) {
      if (bits.testBit(k)) {
        return k;
      }
    }
    return -1;
  }
}
