package org.footprint.source.slurm;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON value at the parser's current token into a tree, noting the line where each entry of the job's
 * {@code steps} array starts. One job at a time is small; the file around it stays a stream. Hand-rolled instead of
 * {@code ObjectMapper.readTree} only because a tree forgets token locations, and step records carry their line.
 */
final class JsonJobReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A job object and the 1-based line of each of its steps. */
  record Job(JsonNode node, List<Long> stepLines) {}

  private JsonJobReader() {}

  /** The parser must be on the job's START_OBJECT; on return it is on the matching END_OBJECT. */
  static Job readJob(JsonParser p) throws IOException {
    List<Long> stepLines = new ArrayList<>();
    JsonNode node = value(p, 0, null, stepLines);
    return new Job(node, stepLines);
  }

  /** Any value, e.g. an {@code errors[]} entry; no step lines. */
  static JsonNode read(JsonParser p) throws IOException {
    return value(p, 0, null, new ArrayList<>());
  }

  private static JsonNode value(JsonParser p, int depth, String field, List<Long> stepLines) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        ObjectNode o = NODES.objectNode();
        while (next(p) != JsonToken.END_OBJECT) {
          String name = p.currentName();
          next(p);
          o.set(name, value(p, depth + 1, name, stepLines));
        }
        return o;
      }
      case START_ARRAY: {
        ArrayNode a = NODES.arrayNode();
        boolean steps = depth == 1 && "steps".equals(field);
        while (next(p) != JsonToken.END_ARRAY) {
          if (steps) {
            stepLines.add((long) p.currentTokenLocation().getLineNr());
          }
          a.add(value(p, depth + 1, null, stepLines));
        }
        return a;
      }
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? NODES.numberNode(p.getBigIntegerValue()) : NODES.numberNode(p.getLongValue());
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new JsonParseException(p, "unexpected token " + t);
    }
  }

  private static JsonToken next(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new JsonParseException(p, "unexpected end of input inside a job");
    }
    return t;
  }
}
