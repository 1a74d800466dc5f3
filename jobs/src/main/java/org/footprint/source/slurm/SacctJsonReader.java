package org.footprint.source.slurm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.footprint.io.HadoopFs;
import org.footprint.io.PerFileRows;
import org.footprint.io.SetAside;
import org.footprint.source.InputRecord;

/**
 * Reads {@code sacct --json} exports (dbv0.0.37 and data_parser v0.0.39 … v0.0.44) into the same
 * {@link SacctRecord} rows {@link SacctReader} makes of {@code --parsable2} exports, so {@link SlurmUsage} and
 * everything after it do not know which format a cluster exported. Same contract as {@link SacctReader#read}: rows
 * of {@link SacctRecord#SCHEMA}, files packed into a few tasks ({@link PerFileRows}), each file streamed by {@link SacctJsonFileParser}.
 *
 * <p>Of the {@link SacctInput} only the cluster is used: JSON times are epoch seconds (no zone needed) and the
 * fields are named (no field list, no delimiter). The conf's cluster name wins over the export's {@code cluster}.
 */
public final class SacctJsonReader {
  private SacctJsonReader() {}

  /** @param files file path → how to read it (only the cluster matters for JSON) */
  public static Dataset<Row> read(SparkSession spark, Map<String, SacctInput> files) {
    return read(spark, files, null);
  }

  /** The same, the parse copying the rows {@code aside} marks for the driver (null: none). */
  public static Dataset<Row> read(SparkSession spark, Map<String, SacctInput> files, SetAside aside) {
    Map<String, SacctInput> specs = Map.copyOf(files);
    return PerFileRows.files(spark, SacctRecord.SCHEMA, new ArrayList<>(files.keySet()),
        path -> parseFile(path, specs.get(path)),
        (path, e) -> SacctRecord.reject(specs.get(path).cluster(), path, 0, null, InputRecord.unreadable(e)).toRow(),
        aside);
  }

  /** Pure Java, for tests and small files: every record of one export, rejects included. */
  public static List<SacctRecord> parseAll(String file, Reader in, SacctInput input) {
    List<SacctRecord> out = new ArrayList<>();
    new SacctJsonFileParser(file, in, input).forEachRemaining(out::add);
    return out;
  }

  static Iterator<Row> parseFile(String path, SacctInput input) throws IOException {
    Path p = new Path(path);
    FileSystem fs = HadoopFs.of(p);
    // undecodable bytes become U+FFFD: inside a string they survive, elsewhere they are a JSON error with
    // its line, instead of a failed task
    Reader in = new BufferedReader(new InputStreamReader(fs.open(p),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
    // the parser closes the reader when it reaches the end (or an error); the frame closes it on an I/O error
    return PerFileRows.rows(new SacctJsonFileParser(path, in, input), SacctRecord::toRow, in);
  }
}
