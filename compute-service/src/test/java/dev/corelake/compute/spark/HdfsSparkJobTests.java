package dev.corelake.compute.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.corelake.compute.job.ComputeJob;
import dev.corelake.compute.job.JobKind;
import dev.corelake.compute.job.JobProgress;
import dev.corelake.compute.job.JobState;
import dev.corelake.compute.job.ResolvedInput;
import dev.corelake.compute.spark.SparkJobExecution.ProfileOutcome;
import dev.corelake.compute.spark.SparkJobExecution.SqlOutcome;
import dev.corelake.compute.system.ComputeProperties.RunnerKind;
import dev.corelake.lake.Lake;
import dev.corelake.lake.Staging;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job's Spark work on HDFS (a real NameNode and DataNode in this JVM): reads a dataset
 * version from HDFS, writes the result into an HDFS staging area, commits it by rename,
 * and the committed files equal what plain Spark computes; progress is counted.
 *
 * @author Corelake
 */
class HdfsSparkJobTests {

	@TempDir
	static Path clusterDir;

	static MiniDFSCluster cluster;

	static SparkSession spark;

	static Lake lake;

	@BeforeAll
	static void start() throws IOException {
		cluster = new MiniDFSCluster.Builder(new Configuration(), clusterDir.toFile()).numDataNodes(1).build();
		cluster.waitActive();
		spark = SharedSpark.acquire(2, Map.of());
		lake = Lake.open(java.net.URI.create(cluster.getURI() + "/corelake"), Map.of());
	}

	@AfterAll
	static void stop() throws IOException {
		lake.close();
		SharedSpark.release();
		cluster.shutdown(true);
	}

	@Test
	void sqlResultOnHdfsEqualsPlainSpark() {
		String input = lake.locationOf("orders", "seed-1").toString();
		spark.range(0, 20_000)
			.selectExpr("id", "cast(id % 13 as int) as shop", "cast(id % 1000 as double) / 10 as price")
			.write()
			.parquet(input);
		String sql = "select shop, count(*) as n, round(avg(price), 3) as mean_price from orders group by shop";
		ComputeJob job = job(JobKind.SQL, sql, new ResolvedInput("orders", "orders", 1, input, "PARQUET"));
		JobProgressListener listener = new JobProgressListener();
		spark.sparkContext().addSparkListener(listener);
		try {
			SparkJobExecution execution = new SparkJobExecution(spark, listener);
			Staging staging = lake.stage("compute", job.stagingRunId());
			SqlOutcome outcome = execution.runSql(job, staging.dir().toString(), () -> false);
			JobProgress progress = listener.progress(job.sparkGroup());
			String committed = lake.commit(staging, "shop_totals", job.outputVersionId()).toString();

			assertThat(outcome.rowCount()).isEqualTo(13);
			assertThat(outcome.bytes()).isPositive();
			assertThat(outcome.schema()).extracting(SparkJobExecution.ColumnInfo::name)
				.containsExactly("shop", "n", "mean_price");
			assertThat(progress.stagesTotal()).isPositive();
			assertThat(progress.tasksDone()).isEqualTo(progress.tasksTotal());
			assertThat(committed).startsWith("hdfs://");
			SparkSession plain = spark.newSession();
			plain.read().parquet(input).createOrReplaceTempView("orders");
			assertThat(sorted(plain.read().parquet(committed).collectAsList()))
				.isEqualTo(sorted(plain.sql(sql).collectAsList()));
			assertThat(staging.exists()).isFalse();
		}
		finally {
			spark.sparkContext().removeSparkListener(listener);
		}
	}

	@Test
	void profileOnHdfs() {
		String input = lake.locationOf("events", "seed-1").toString();
		spark.range(0, 1000)
			.selectExpr("id", "case when id < 100 then null else 'x' end as tag")
			.write()
			.parquet(input);
		SparkJobExecution execution = new SparkJobExecution(spark, new JobProgressListener());
		ProfileOutcome profile = execution.runProfile(
				job(JobKind.PROFILE, null, new ResolvedInput("events", "events", 1, input, "PARQUET")), () -> false);
		assertThat(profile.rowCount()).isEqualTo(1000);
		assertThat(profile.columns().get(1).nulls()).isEqualTo(100);
		assertThat(profile.columns().get(1).approxDistinct()).isEqualTo(1);
		assertThat(profile.columns().get(0).mean()).isEqualTo(499.5);
	}

	private static ComputeJob job(JobKind kind, String sql, ResolvedInput input) {
		return new ComputeJob(UUID.randomUUID().toString(), kind, "alice", JobState.RUNNING, RunnerKind.LOCAL, sql,
				"shop_totals", null, null, List.of(input), 1, 2L << 30, 60, 0, 1, false, JobProgress.NONE, null, null,
				null, null, Instant.now(), Instant.now(), null, Instant.now());
	}

	private static List<String> sorted(List<Row> rows) {
		return rows.stream().map(Row::toString).sorted(Comparator.naturalOrder()).toList();
	}

}
