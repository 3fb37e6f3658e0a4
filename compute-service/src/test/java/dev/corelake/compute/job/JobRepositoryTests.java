package dev.corelake.compute.job;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import dev.corelake.compute.system.ComputeProperties;
import dev.corelake.compute.system.ComputeProperties.RunnerKind;
import dev.corelake.platform.test.MutableClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job records on H2 (PostgreSQL mode) and on a real PostgreSQL: the state machine's
 * compare-and-set transitions, cancel requests, progress, listing and the bounded log.
 *
 * @author Corelake
 */
class JobRepositoryTests {

	private static EmbeddedPostgres postgres;

	@BeforeAll
	static void startPostgres() throws IOException {
		postgres = EmbeddedPostgres.start();
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		postgres.close();
	}

	private JobRepository repository(String database, MutableClock clock) {
		DataSource dataSource;
		if (database.equals("postgres")) {
			dataSource = postgres.getPostgresDatabase();
			JdbcClient.create(dataSource).sql("drop schema public cascade; create schema public").update();
		}
		else {
			JdbcDataSource h2 = new JdbcDataSource();
			h2.setURL("jdbc:h2:mem:" + UUID.randomUUID()
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
			dataSource = h2;
		}
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/compute").load().migrate();
		ComputeProperties properties = new Binder(
				new MapConfigurationPropertySource(Map.of("corelake.compute.jobs.max-log-lines", "10")))
			.bindOrCreate("corelake.compute", Bindable.of(ComputeProperties.class));
		return new JobRepository(JdbcClient.create(dataSource), JsonMapper.builder().build(), clock, properties);
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgres" })
	void stateChangesAreCompareAndSet(String database) {
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		JobRepository jobs = repository(database, clock);
		ComputeJob job = job(clock, "alice");
		jobs.insert(job);
		ComputeJob stored = jobs.find(job.id()).orElseThrow();
		assertThat(stored.inputs()).isEqualTo(job.inputs());
		assertThat(stored.createdAt()).isEqualTo(job.createdAt());

		clock.advance(Duration.ofSeconds(5));
		ComputeJob started = jobs.start(job.id()).orElseThrow();
		assertThat(started.state()).isEqualTo(JobState.RUNNING);
		assertThat(started.attempt()).isEqualTo(1);
		assertThat(started.startedAt()).isEqualTo(clock.instant());
		assertThat(jobs.start(job.id())).isEmpty();

		jobs.progress(job.id(), new JobProgress(1, 2, 5, 10));
		assertThat(jobs.find(job.id()).orElseThrow().progress().percent()).isEqualTo(50);

		assertThat(jobs.transition(job.id(), Set.of(JobState.QUEUED), JobState.CANCELLED, "C", "c")).isFalse();
		assertThat(jobs.transition(job.id(), Set.of(JobState.RUNNING), JobState.COMMITTING, null, null)).isTrue();
		jobs.result(job.id(), "{\"rowCount\":3}", 7);
		assertThat(jobs.requestCancel(job.id())).isFalse();
		assertThat(jobs.transition(job.id(), Set.of(JobState.COMMITTING), JobState.SUCCEEDED, null, null)).isTrue();
		ComputeJob done = jobs.find(job.id()).orElseThrow();
		assertThat(done.finishedAt()).isEqualTo(clock.instant());
		assertThat(done.outputVersion()).isEqualTo(7);
		assertThat(done.resultJson()).contains("rowCount");
		assertThat(jobs.inStates(Set.of(JobState.SUCCEEDED), RunnerKind.LOCAL)).extracting(ComputeJob::id)
			.containsExactly(job.id());
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgres" })
	void cancelRequestStopsAQueuedJobFromStarting(String database) {
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		JobRepository jobs = repository(database, clock);
		ComputeJob job = job(clock, "alice");
		jobs.insert(job);
		assertThat(jobs.requestCancel(job.id())).isTrue();
		assertThat(jobs.start(job.id())).isEmpty();
		assertThat(jobs.find(job.id()).orElseThrow().cancelRequested()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgres" })
	void listsPerOwnerNewestFirstAndKeepsTheLastLogLines(String database) {
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		JobRepository jobs = repository(database, clock);
		ComputeJob first = job(clock, "alice");
		jobs.insert(first);
		clock.advance(Duration.ofSeconds(1));
		ComputeJob second = job(clock, "alice");
		jobs.insert(second);
		jobs.insert(job(clock, "bob"));
		assertThat(jobs.list("alice", null, 0, 10)).extracting(ComputeJob::id).containsExactly(second.id(), first.id());
		assertThat(jobs.count("alice", null)).isEqualTo(2);
		assertThat(jobs.count(null, JobState.QUEUED)).isEqualTo(3);
		assertThat(jobs.list(null, JobState.RUNNING, 0, 10)).isEmpty();
		assertThat(jobs.countUnfinished()).isEqualTo(3);
		for (int i = 0; i < 25; i++) {
			jobs.log(first.id(), "INFO", "line " + i);
		}
		jobs.log(first.id(), "ERROR", "x".repeat(5000));
		List<JobLogLine> log = jobs.logs(first.id());
		assertThat(log).hasSize(10);
		assertThat(log.get(0).message()).isEqualTo("line 16");
		assertThat(log.get(9).message()).hasSize(4000);
	}

	private static ComputeJob job(MutableClock clock, String owner) {
		return new ComputeJob(UUID.randomUUID().toString(), JobKind.SQL, owner, JobState.QUEUED, RunnerKind.LOCAL,
				"select 1", "out", null, null,
				List.of(new ResolvedInput("sales", "sales", 3, "file:/lake/datasets/sales/v", "PARQUET")), 2, 2L << 30,
				60, 1, 0, false, JobProgress.NONE, null, null, null, null, clock.instant(), null, null,
				clock.instant());
	}

}
