package org.footprint.model;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Table schemas live in {@code schemas/*.ddl} (Spark DDL with COMMENTs), packaged into the jar. Code never
 * repeats them: {@link #conform} selects a DataFrame into the declared column order and types.
 */
public final class Schemas {
  private static final Map<String, StructType> CACHE = new ConcurrentHashMap<>();

  private Schemas() {}

  public static StructType of(String table) {
    return CACHE.computeIfAbsent(table, Schemas::load);
  }

  /** The DDL text without comment lines, as {@code StructType.fromDDL} takes it. */
  public static String ddl(String table) {
    String resource = "schemas/" + table + ".ddl";
    try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema resource " + resource + " is missing from the build");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      StringBuilder sb = new StringBuilder();
      for (String line : text.split("\n")) {
        if (!line.trim().startsWith("--")) {
          sb.append(line).append('\n');
        }
      }
      return sb.toString().trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static StructType load(String table) {
    return StructType.fromDDL(ddl(table));
  }

  /**
   * Columns of {@code table} in order, cast to their declared types. A column the DataFrame lacks is a bug
   * in the pipeline, reported by name rather than written as silent nulls.
   */
  public static Dataset<Row> conform(Dataset<Row> df, String table) {
    StructType schema = of(table);
    List<String> have = List.of(df.columns());
    List<Column> cols = new ArrayList<>();
    for (StructField f : schema.fields()) {
      if (!have.contains(f.name())) {
        throw new IllegalStateException("table " + table + ": column " + f.name() + " is not computed (have "
            + have + ")");
      }
      cols.add(col(f.name()).cast(f.dataType()).as(f.name(), f.metadata()));
    }
    return df.select(cols.toArray(new Column[0]));
  }
}
