package org.footprint.scratch;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.footprint.conf.ConfLoader;
import org.footprint.conf.FootprintConf;
import org.footprint.pipeline.FootprintRun;
import org.footprint.pipeline.RunOptions;
import org.footprint.sink.RunTables;
import org.footprint.testing.SparkTestBase;
import org.footprint.testing.TestPaths;
import org.junit.jupiter.api.Test;

class PlanProbeScratch extends SparkTestBase {
  @Test
  void probe() throws Exception {
    FootprintConf conf = ConfLoader.load(TestPaths.repo().resolve("conf/footprint.yaml").toString(), Map.of());
    RunOptions opts = new RunOptions();
    opts.outDir = "/tmp/probe-out";
    RunTables t = new FootprintRun(spark, conf, opts).compute();
    Dataset<Row> jobs = t.jobs();
    long t0 = System.nanoTime(); jobs.queryExecution().optimizedPlan(); System.out.println("PROBE optimize " + (System.nanoTime() - t0) / 1e9); t0 = System.nanoTime(); jobs.queryExecution().executedPlan(); System.out.println("PROBE physical " + (System.nanoTime() - t0) / 1e9); t0 = System.nanoTime(); System.out.println("PROBE jobs rows " + jobs.count() + " " + (System.nanoTime() - t0) / 1e9);
    String plan = jobs.queryExecution().executedPlan().toString();
    java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/probe-plan.txt"), plan);
    Dataset<Row> j2 = spark.createDataFrame(jobs.javaRDD(), jobs.schema());
  }
}
