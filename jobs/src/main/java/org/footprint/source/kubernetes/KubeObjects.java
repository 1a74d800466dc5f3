package org.footprint.source.kubernetes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.footprint.io.HadoopFs;
import org.footprint.io.LineRecordIterator;
import org.footprint.model.Reject;

/**
 * Streams the Kubernetes objects of one file, whatever shape kubectl or an exporter gave it:
 * <ul>
 *   <li>a {@code List}/{@code PodList}/{@code NodeList}/{@code ExperimentList} ({@code kubectl get -o json}):
 *       its {@code items}, read one at a time so a large dump is never held whole;</li>
 *   <li>JSON lines, one object (or list, or watch event) per line: an exporter, {@code kubectl get -w -o json | jq -c};</li>
 *   <li>concatenated pretty-printed objects ({@code kubectl get -w -o json}), and watch events
 *       ({@code {"type":"MODIFIED","object":{…}}}, {@code --output-watch-events}), unwrapped;</li>
 *   <li>YAML, several documents separated by {@code ---}, with comments (specs kept in git).</li>
 * </ul>
 * The shape is sniffed from the first non-blank line: a complete JSON value there means JSON lines (a bad line
 * is then reported and the next line read on); a lone <code>{</code> or <code>[</code> means one JSON document (a syntax
 * error ends the file: nothing after it can be trusted); a first line that is neither, followed within a few lines
 * by a whole JSON object at the start of its line, is a damaged first line of JSON lines (else an incomplete
 * document); anything else is YAML. Never throws for bad data: problems come
 * back as {@link KubeObject#problem} with the line, column and the text of that line.
 */
final class KubeObjects implements Iterator<KubeObject>, Closeable {
  enum Format { JSON_LINES, JSON, YAML, EMPTY }

  /** Opens the file afresh (sniffing and quoting an error's line need a second read). */
  interface Opener {
    BufferedReader open() throws IOException;
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper ONE_LINE = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private enum State { ROOT, ROOT_OBJECT, ITEMS }

  private final Opener opener;
  private final Format format;
  private final Deque<KubeObject> queue = new ArrayDeque<>();
  private LineRecordIterator.LineSource lines;
  private Closeable linesStream;
  private JsonParser parser;
  private long lineNo;
  private boolean done;
  private KubeObject pending;

  // document mode: where the streaming parser is
  private State state = State.ROOT;
  private boolean itemsAtRoot;
  private boolean sawItems;
  private long rootLine;
  private ObjectNode root;

  private KubeObjects(Opener opener, Format format) throws IOException {
    this.opener = opener;
    this.format = format;
    switch (format) {
      case JSON_LINES -> {
        BufferedReader r = opener.open();
        lines = r::readLine;
        linesStream = r;
      }
      case JSON -> parser = JSON.createParser(opener.open());
      case YAML -> parser = YAML.createParser(opener.open());
      case EMPTY -> done = true;
    }
  }

  static KubeObjects open(Opener opener) throws IOException {
    return new KubeObjects(opener, sniff(opener));
  }

  /**
   * One byte range of a large JSON-lines file (its lines without CR, and without BOM at the file's start), whose
   * first line is file line {@code firstLine}: JSON lines stand alone, so a range reads as the whole file would.
   */
  static KubeObjects jsonLines(LineRecordIterator.LineSource in, Closeable stream, long firstLine) {
    return new KubeObjects(in, stream, firstLine);
  }

  private KubeObjects(LineRecordIterator.LineSource in, Closeable stream, long firstLine) {
    this.opener = null;
    this.format = Format.JSON_LINES;
    this.lines = in;
    this.linesStream = stream;
    this.lineNo = firstLine - 1;
  }

  /** Whether a file is JSON lines (sniffed from its first non-blank line), so that it may be cut into ranges. */
  static boolean isJsonLines(String path) {
    try {
      return sniff(hadoopOpener(path)) == Format.JSON_LINES;
    } catch (IOException e) {
      return false; // read whole: its task reports the error
    }
  }

  /** A Hadoop path (file:, hdfs:, s3a:), read as UTF-8; undecodable bytes become U+FFFD and then fail to parse. */
  static KubeObjects open(String path) throws IOException {
    return open(hadoopOpener(path));
  }

  static Opener hadoopOpener(String path) {
    return () -> {
      Path p = new Path(path);
      FileSystem fs = HadoopFs.of(p);
      BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(p),
          StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
      skipBom(r);
      return r;
    };
  }

  static void skipBom(BufferedReader r) throws IOException {
    r.mark(1);
    if (r.read() != '\uFEFF') {
      r.reset();
    }
  }

  Format format() {
    return format;
  }

  static Format sniff(Opener opener) throws IOException {
    try (BufferedReader r = opener.open()) {
      String line;
      while ((line = r.readLine()) != null) {
        String t = line.strip();
        if (t.isEmpty()) {
          continue;
        }
        boolean json = t.startsWith("{") || t.startsWith("[");
        if (json && isWholeJson(t)) {
          return Format.JSON_LINES;
        }
        if (t.equals("{") || t.equals("[")) {
          return Format.JSON; // kubectl -o json, jq .: a document over many lines
        }
        if ((json || t.contains("{\"")) && nextLinesAreJsonLines(r)) {
          // a damaged first line of a JSON-lines dump: read as one document, every line after it would be lost
          return Format.JSON_LINES;
        }
        return json ? Format.JSON : Format.YAML;
      }
      return Format.EMPTY;
    }
  }

  /** How many lines after a first one that is not whole JSON decide whether the file is JSON lines. */
  private static final int SNIFF_LINES = 5;

  /** Whether one of the next few non-blank lines is a whole JSON object written from its line's first column. */
  private static boolean nextLinesAreJsonLines(BufferedReader r) throws IOException {
    String line;
    int seen = 0;
    while (seen < SNIFF_LINES && (line = r.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      seen++;
      if (line.startsWith("{\"") && isWholeJson(line.strip())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isWholeJson(String text) {
    try {
      ONE_LINE.readTree(text);
      return true;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  @Override
  public boolean hasNext() {
    if (pending == null && !done) {
      try {
        pending = format == Format.JSON_LINES ? advanceLines() : advanceDocument();
      } catch (IOException e) {
        throw new UncheckedIOException("reading a Kubernetes dump", e);
      }
      if (pending == null) {
        done = true;
        closeQuietly();
      }
    }
    return pending != null;
  }

  @Override
  public KubeObject next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    KubeObject o = pending;
    pending = null;
    return o;
  }

  private KubeObject advanceLines() throws IOException {
    while (queue.isEmpty()) {
      String line = lines.readLine();
      if (line == null) {
        return null;
      }
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = ONE_LINE.readTree(line);
      } catch (JsonProcessingException e) {
        int col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
        queue.add(KubeObject.problem(lineNo, describe(e, lineNo, col), line));
        continue;
      }
      expand(node, lineNo);
    }
    return queue.poll();
  }

  /** A parsed value on one line: a list's items, a watch event's object, or the object itself. */
  private void expand(JsonNode node, long line) {
    if (node.isArray()) {
      node.forEach(n -> expand(n, line));
    } else if (node.isObject() && node.path("items").isArray()) {
      node.path("items").forEach(n -> one(n, line));
    } else {
      one(node, line);
    }
  }

  private void one(JsonNode node, long line) {
    if (node == null || node.isNull()) {
      return;
    }
    if (!node.isObject()) {
      queue.add(KubeObject.problem(line, "expected a Kubernetes object, found a " + node.getNodeType()
          .toString().toLowerCase(), truncate(node.toString())));
      return;
    }
    JsonNode unwrapped = unwrapWatchEvent(node);
    if (unwrapped != null) {
      queue.add(KubeObject.of(line, unwrapped));
    }
  }

  /** {"type":"MODIFIED","object":{…}} → the object; BOOKMARK events carry no object state: dropped. */
  static JsonNode unwrapWatchEvent(JsonNode node) {
    if (node.has("type") && node.path("object").isObject() && !node.has("metadata")) {
      return "BOOKMARK".equals(node.path("type").asText()) ? null : node.get("object");
    }
    return node;
  }

  private KubeObject advanceDocument() throws IOException {
    try {
      while (true) {
        JsonToken t = parser.nextToken();
        if (t == null) {
          return null;
        }
        switch (state) {
          case ROOT -> {
            if (t == JsonToken.START_OBJECT) {
              rootLine = parser.currentTokenLocation().getLineNr();
              root = JsonNodeFactory.instance.objectNode();
              sawItems = false;
              state = State.ROOT_OBJECT;
            } else if (t == JsonToken.START_ARRAY) {
              itemsAtRoot = true;
              state = State.ITEMS;
            } else if (t != JsonToken.VALUE_NULL) { // an empty YAML document is a null: nothing to read
              long line = parser.currentTokenLocation().getLineNr();
              JsonNode v = parser.readValueAsTree();
              return KubeObject.problem(line, "expected a Kubernetes object, found "
                  + (v == null ? "nothing" : "a " + v.getNodeType().toString().toLowerCase()),
                  truncate(String.valueOf(v)));
            }
          }
          case ROOT_OBJECT -> {
            if (t == JsonToken.FIELD_NAME) {
              String name = parser.currentName();
              JsonToken value = parser.nextToken();
              if ("items".equals(name) && value == JsonToken.START_ARRAY) {
                sawItems = true;
                state = State.ITEMS;
              } else {
                root.set(name, parser.readValueAsTree());
              }
            } else if (t == JsonToken.END_OBJECT) {
              state = State.ROOT;
              if (!sawItems) {
                JsonNode o = unwrapWatchEvent(root);
                if (o != null) {
                  return KubeObject.of(rootLine, o);
                }
              }
            }
          }
          case ITEMS -> {
            if (t == JsonToken.START_OBJECT) {
              long line = parser.currentTokenLocation().getLineNr();
              JsonNode item = unwrapWatchEvent(parser.readValueAsTree());
              if (item != null) {
                return KubeObject.of(line, item);
              }
            } else if (t == JsonToken.END_ARRAY) {
              state = itemsAtRoot ? State.ROOT : State.ROOT_OBJECT;
              itemsAtRoot = false;
            } else if (t != JsonToken.VALUE_NULL) {
              long line = parser.currentTokenLocation().getLineNr();
              JsonNode v = parser.readValueAsTree();
              return KubeObject.problem(line, "list item is not an object: " + truncate(String.valueOf(v)),
                  truncate(String.valueOf(v)));
            }
          }
        }
      }
    } catch (JsonProcessingException e) {
      // a syntax error leaves the parser lost: report it once and stop reading this file
      done = true;
      long line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
      int col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
      return KubeObject.problem(line, describe(e, line, col), lineText(line));
    }
  }

  private String describe(JsonProcessingException e, long line, int col) {
    String what = format == Format.YAML ? "invalid YAML" : "invalid JSON";
    String msg = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    msg = msg.split("\n")[0];
    String hint = e instanceof JsonEOFException || msg.contains("end-of-input")
        ? " (the file ends inside an object: truncated dump?)" : "";
    String rest = format == Format.JSON_LINES ? "; the other lines are read" : "; the rest of the file is not read";
    return what + " at line " + line + ", column " + col + ": " + msg + hint + rest;
  }

  /**
   * The text of a 1-based line, for the reject's raw column; past the end (a file cut off), the last line with
   * text, which shows where the cut is; null when the file cannot be read again.
   */
  private String lineText(long wanted) {
    if (wanted <= 0 || opener == null) {
      return null;
    }
    String lastText = null;
    try (BufferedReader r = opener.open()) {
      String line;
      long n = 0;
      while ((line = r.readLine()) != null) {
        if (++n == wanted) {
          return truncate(line);
        }
        if (!line.isBlank()) {
          lastText = line;
        }
      }
    } catch (IOException e) {
      // quoting the line is a courtesy: the reason already says where
    }
    return truncate(lastText);
  }

  static String truncate(String s) {
    return Reject.truncate(s);
  }

  private void closeQuietly() {
    try {
      close();
    } catch (IOException e) {
      // closing a read stream: nothing to recover
    }
  }

  @Override
  public void close() throws IOException {
    if (parser != null) {
      parser.close();
    }
    if (linesStream != null) {
      linesStream.close();
    }
  }
}
