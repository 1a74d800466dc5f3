package org.footprint.source.slurm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Streams one {@code sacct --json} export into {@link SacctRecord}s, one {@code jobs[]} entry at a time, so a large
 * export is never held whole. Never throws for bad data:
 * <ul>
 *   <li>a job that cannot be read → one reject at the job's line (the other jobs continue);</li>
 *   <li>each {@code errors[]} entry sacct wrote → a reject (the export may be incomplete);</li>
 *   <li>truncated or invalid JSON → the records read so far, then one reject naming line, column and the parse
 *       error; nothing after that point can be trusted, so reading stops;</li>
 *   <li>no {@code jobs} array at all (empty file, another format) → a reject at line 0 (whole file refused).</li>
 * </ul>
 * The top level may hold several documents one after the other (concatenated exports) or be a bare array of jobs.
 */
public final class SacctJsonFileParser implements Iterator<SacctRecord> {
  private static final JsonFactory JSON = new JsonFactory();

  private final String file;
  private final SacctInput input;
  private final String cluster;
  private final ArrayDeque<SacctRecord> pending = new ArrayDeque<>();
  private JsonParser parser;
  private boolean inJobs;
  private boolean sawJobs;
  private boolean done;
  private int jobsRead;

  public SacctJsonFileParser(String file, Reader in, SacctInput input) {
    this.file = file;
    this.input = input;
    this.cluster = input == null ? null : input.cluster();
    try {
      this.parser = JSON.createParser(skipBom(in));
    } catch (IOException e) {
      pending.add(SacctRecord.reject(cluster, file, 0, null, "cannot read: " + e.getMessage()));
      done = true;
    }
  }

  @Override
  public boolean hasNext() {
    while (pending.isEmpty() && !done) {
      advance();
    }
    return !pending.isEmpty();
  }

  @Override
  public SacctRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return pending.poll();
  }

  /** One step of the stream: a job, an errors[] array, a skipped value, or the end. */
  private void advance() {
    try {
      if (inJobs) {
        nextJob();
      } else {
        nextTopLevel();
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      long line = at == null ? parser.currentLocation().getLineNr() : at.getLineNr();
      long col = at == null ? parser.currentLocation().getColumnNr() : at.getColumnNr();
      pending.add(SacctRecord.reject(cluster, file, Math.max(line, 0), null,
          "invalid JSON at line " + line + ", column " + col + ": " + e.getOriginalMessage() + " (" + jobsRead
              + " jobs before it were read; the rest of the file is not)"));
      finish();
    } catch (IOException | RuntimeException e) {
      // RuntimeException too: a reader inside a Spark task must not fail the stage for one bad file
      pending.add(SacctRecord.reject(cluster, file, parser == null ? 0 : parser.currentLocation().getLineNr(), null,
          "cannot read after " + jobsRead + " jobs: " + e));
      finish();
    }
  }

  private void nextJob() throws IOException {
    JsonToken t = parser.nextToken();
    if (t == JsonToken.END_ARRAY || t == null) {
      inJobs = false;
      return;
    }
    long line = parser.currentTokenLocation().getLineNr();
    if (t != JsonToken.START_OBJECT) {
      parser.skipChildren();
      pending.add(SacctRecord.reject(cluster, file, line, parser.getText(), "jobs[] entry is not an object"));
      return;
    }
    JsonJobReader.Job job = JsonJobReader.readJob(parser);
    jobsRead++;
    try {
      pending.addAll(new SacctJsonJob(job.node(), file, line, input).records(job.stepLines()));
    } catch (RuntimeException e) {
      // any shape we did not expect in this one job: reject it with its text, keep reading the others
      pending.add(SacctRecord.reject(cluster, file, line, job.node().toString(),
          "job " + job.node().path("job_id") + ": " + SacctJsonJob.message(e)));
    }
  }

  /** Walks the top level until the next jobs array (or the end), handling errors[] on the way. */
  private void nextTopLevel() throws IOException {
    JsonToken t = parser.nextToken();
    while (t != null) {
      if (t == JsonToken.START_ARRAY && parser.getParsingContext().getParent().inRoot()) {
        startJobs(); // a bare array of jobs
        return;
      }
      if (t == JsonToken.FIELD_NAME && parser.getParsingContext().getParent().inRoot()) {
        String name = parser.currentName();
        t = parser.nextToken();
        if ("jobs".equals(name) && t == JsonToken.START_ARRAY) {
          startJobs();
          return;
        }
        if ("errors".equals(name) && t == JsonToken.START_ARRAY) {
          sacctErrors();
        } else {
          parser.skipChildren();
        }
      } else if (t != JsonToken.START_OBJECT && t != JsonToken.END_OBJECT) {
        throw new JsonParseException(parser,
            "expected a sacct --json document ({\"jobs\":[...]}), found " + t);
      }
      t = parser.nextToken();
    }
    if (!sawJobs) {
      pending.add(SacctRecord.reject(cluster, file, 0, null,
          "no \"jobs\" array: not a sacct --json export (empty file, or another format)"));
    }
    finish();
  }

  private void startJobs() {
    inJobs = true;
    sawJobs = true;
  }

  /** sacct reports failed queries here and still writes jobs[]: the export may be incomplete, say so. */
  private void sacctErrors() throws IOException {
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      long line = parser.currentTokenLocation().getLineNr();
      JsonNode e = JsonJobReader.read(parser);
      String what = firstText(e, "description", "error", "message");
      String source = firstText(e, "source");
      pending.add(SacctRecord.reject(cluster, file, line, e.toString(), "sacct reported an error in this export"
          + (what == null ? "" : ": " + what) + (source == null ? "" : " (" + source + ")")
          + "; the export may be incomplete"));
    }
  }

  private static String firstText(JsonNode n, String... fields) {
    for (String f : fields) {
      String v = JsonNumbers.text(n.get(f));
      if (v != null) {
        return v;
      }
    }
    return n.isTextual() ? JsonNumbers.text(n) : null;
  }

  private void finish() {
    done = true;
    try {
      if (parser != null) {
        parser.close();
      }
    } catch (IOException e) {
      // closing a read stream: nothing to recover
    }
  }

  /** Jackson reads a byte-order mark only from bytes; a Reader hands it over as U+FEFF, which is not JSON. */
  private static Reader skipBom(Reader in) throws IOException {
    PushbackReader r = new PushbackReader(in, 1);
    int c = r.read();
    if (c >= 0 && c != '\uFEFF') {
      r.unread(c);
    }
    return r;
  }
}
