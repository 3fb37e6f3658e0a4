package dev.corelake.compute.kubernetes;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.corelake.compute.ComputeServiceApplication;
import dev.corelake.compute.job.ComputeJob;
import dev.corelake.compute.job.JobKind;
import dev.corelake.compute.job.JobProgress;
import dev.corelake.compute.job.JobRepository;
import dev.corelake.compute.job.JobState;
import dev.corelake.compute.job.ResolvedInput;
import dev.corelake.compute.ml.TrainingSpec;
import dev.corelake.compute.spark.SharedSpark;
import dev.corelake.compute.system.ComputeProperties;
import dev.corelake.compute.system.ComputeProperties.RunnerKind;
import org.apache.spark.sql.SparkSession;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job pod's entry point, run as the pod runs it but in this JVM: the compute
 * application without a web server, given a job id, runs that job against the shared
 * database and lake, records the outcome and exits with 0 on success, 1 on failure.
 *
 * @author Corelake
 */
class PodWorkerTests {

	@TempDir
	Path dir;

	@Test
	void workerRunsItsJobRecordsItAndExitsWithItsOutcome() {
		String database = "jdbc:h2:mem:worker-" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
		SparkSession spark = SharedSpark.acquire(1, Map.of());
		try {
			String input = this.dir.resolve("lake/datasets/events/seed-1").toUri().toString();
			spark.range(0, 100).selectExpr("id", "cast(id % 4 as int) as kind").write().parquet(input);
			String good = UUID.randomUUID().toString();
			String bad = UUID.randomUUID().toString();

			ConfigurableApplicationContext first = worker(database, good, (jobs) -> {
				jobs.insert(job(good, new ResolvedInput("events", "events", 1, input, "PARQUET")));
				jobs.insert(job(bad, new ResolvedInput("events", "events", 1, input + "-missing", "PARQUET")));
			});
			assertThat(SpringApplication.exit(first)).isZero();
			ComputeJob done = repository(database).find(good).orElseThrow();
			assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
			assertThat(done.resultJson()).contains("\"rowCount\":100");
			assertThat(done.progress().tasksTotal()).isPositive();

			ConfigurableApplicationContext second = worker(database, bad, (repository) -> {
			});
			assertThat(SpringApplication.exit(second)).isEqualTo(1);
			ComputeJob failed = repository(database).find(bad).orElseThrow();
			assertThat(failed.state()).isEqualTo(JobState.FAILED);
			assertThat(failed.error()).containsIgnoringCase("path does not exist");
		}
		finally {
			SharedSpark.release();
		}
	}

	@Test
	void workerRunsATrainJobAndCommitsTheModel() throws Exception {
		String database = "jdbc:h2:mem:worker-" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
		SparkSession spark = SharedSpark.acquire(1, Map.of());
		try {
			String input = this.dir.resolve("lake/datasets/points/seed-1").toUri().toString();
			spark.range(0, 200)
				.selectExpr("cast(id % 20 as double) as x", "case when id % 20 >= 10 then 'hi' else 'lo' end as band")
				.write()
				.parquet(input);
			String id = UUID.randomUUID().toString();
			TrainingSpec training = new TrainingSpec("bands", "logistic_regression", List.of("x"), "band",
					Map.of("maxIter", 20), 0.25, 7L);
			ConfigurableApplicationContext context = worker(database, id, (jobs) -> jobs.insert(new ComputeJob(id,
					JobKind.TRAIN, "alice", JobState.QUEUED, RunnerKind.KUBERNETES, null, "model-bands", training, null,
					List.of(new ResolvedInput("points", "points", 1, input, "PARQUET")), 1, 2L << 30, 120, 0, 0, false,
					JobProgress.NONE, null, null, null, null, Instant.now(), null, null, Instant.now())));
			// no catalog-service here: the model is committed, its registration left to
			// compute-service (committing counts as done for the pod)
			assertThat(SpringApplication.exit(context)).isZero();
			ComputeJob done = repository(database).find(id).orElseThrow();
			assertThat(done.state()).isIn(JobState.COMMITTING, JobState.SUCCEEDED);
			Path model = this.dir.resolve("lake/models/bands/job-" + id);
			assertThat(model.resolve("metadata")).isDirectory();
			assertThat(model.resolve("stages")).isDirectory();
			assertThat(java.nio.file.Files.readString(model.resolve("corelake-model.json"))).contains("classification",
					"\"hi\"", "\"lo\"");
		}
		finally {
			SharedSpark.release();
		}
	}

	private ConfigurableApplicationContext worker(String database, String jobId,
			java.util.function.Consumer<JobRepository> before) {
		// the database exists before the worker starts (compute-service created it)
		org.flywaydb.core.Flyway.configure()
			.dataSource(database, "sa", "")
			.locations("classpath:db/migration/compute")
			.load()
			.migrate();
		before.accept(repository(database));
		return new SpringApplicationBuilder(ComputeServiceApplication.class).web(WebApplicationType.NONE)
			.registerShutdownHook(false)
			.run("--spring.datasource.url=" + database, "--spring.datasource.username=sa",
					"--corelake.config.client.enabled=false", "--corelake.lake.uri=" + this.dir.resolve("lake").toUri(),
					"--corelake.compute.worker.job-id=" + jobId);
	}

	private static JobRepository repository(String database) {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL(database);
		dataSource.setUser("sa");
		ComputeProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
			.bindOrCreate("corelake.compute", Bindable.of(ComputeProperties.class));
		return new JobRepository(JdbcClient.create(dataSource), JsonMapper.builder().build(), Clock.systemUTC(),
				properties);
	}

	private static ComputeJob job(String id, ResolvedInput input) {
		return new ComputeJob(id, JobKind.PROFILE, "alice", JobState.QUEUED, RunnerKind.KUBERNETES, null, null, null,
				null, List.of(input), 1, 2L << 30, 120, 0, 0, false, JobProgress.NONE, null, null, null, null,
				Instant.now(), null, null, Instant.now());
	}

}
