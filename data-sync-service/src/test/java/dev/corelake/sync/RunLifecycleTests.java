package dev.corelake.sync;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.corelake.sync.engine.SyncEngine;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.parquet.example.data.Group;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What happens to runs over time: an abrupt stop of the runner in the middle of a run and
 * its resumption (exactly the source's rows), the catalog down at commit (the run waits
 * in {@code COMMITTING} and registers once when it returns), cancelling, the throttle's
 * rate, back-pressure on heap use, and the limit of concurrent runs per source.
 *
 * @author Corelake
 */
class RunLifecycleTests extends AbstractSyncTests {

	@Autowired
	private SyncEngine engine;

	@Autowired
	private MeterRegistry registry;

	@AfterEach
	void heapRelieved() {
		TestHeap.fraction = 0.0;
		fixtures().catalog().restart();
	}

	@Test
	void runWhenRunnerStopsAbruptlyMidRunThenAnotherStartResumesWithExactlyTheSourceRows() throws Exception {
		fixtures().sql(JdbcSyncTests.createOrders("orders_crash", 30_000));
		postgresSource("pg-crash");
		job(Map.of("name", "crash", "source", "pg-crash", "dataset", "crash", "table", "orders_crash", "chunkRows",
				4_000, "throttle", Map.of("rowsPerSecond", 6_000)));
		long id = start("crash");
		Awaitility.await()
			.atMost(RUN_TIMEOUT)
			.until(() -> progress(run(id), "rowsWritten") >= 8_000 && "RUNNING".equals(run(id).get("state")));

		this.engine.crash();
		long writtenAtCrash = progress(run(id), "rowsWritten");
		assertThat(run(id).get("state")).as("a dead process leaves its run RUNNING").isEqualTo("RUNNING");
		this.engine.start();

		Map<String, Object> run = awaitState(id, "SUCCEEDED");
		assertThat(run.get("attempt")).as("resumed once").isEqualTo(2);
		assertThat(writtenAtCrash).isLessThan(30_000);
		List<Group> rows = ParquetFiles.read(this.lake.fileSystem(), versionDir(run));
		Set<Long> ids = rows.stream().map((row) -> row.getLong("id", 0)).collect(Collectors.toSet());
		assertThat(rows).as("no row lost, none twice").hasSize(30_000);
		assertThat(ids).hasSize(30_000);
		assertThat(JdbcSyncTests.checksum(rows)).isEqualTo(JdbcSyncTests.tableChecksum("orders_crash"));
		assertThat(api().get("/api/v1/sync/runs/" + id + "/logs").body()).contains("Resuming after chunk");
		assertThat(fixtures().catalog().registrations("crash")).hasSize(1);
	}

	@Test
	void commitWhenCatalogIsDownThenRunStaysCommittingAndRegistersOnceWhenItReturns() {
		fixtures().sql(JdbcSyncTests.createOrders("orders_down", 500));
		postgresSource("pg-down");
		job(Map.of("name", "down", "source", "pg-down", "dataset", "down", "table", "orders_down"));
		fixtures().catalog().stop();
		long id = start("down");
		awaitState(id, "COMMITTING");
		Awaitility.await()
			.atMost(RUN_TIMEOUT)
			.until(() -> api().get("/api/v1/sync/runs/" + id + "/logs").body().split("Could not register").length > 2);
		assertThat(run(id).get("state")).isEqualTo("COMMITTING");
		assertThat(this.lake.fileSystem()).isNotNull();

		fixtures().catalog().restart();
		Map<String, Object> run = awaitState(id, "SUCCEEDED");
		assertThat(run.get("datasetVersion")).isEqualTo(1);
		assertThat(fixtures().catalog().registrations("down")).hasSize(1);
		assertThat(fixtures().catalog().registrations("down").get(0)).containsEntry("producedBy", "sync-run:" + id)
			.containsEntry("rowCount", 500);
	}

	@Test
	void cancelWhenRunningThenCancelledAndNothingCommitted() throws Exception {
		fixtures().sql(JdbcSyncTests.createOrders("orders_cancel", 20_000));
		postgresSource("pg-cancel");
		job(Map.of("name", "cancel", "source", "pg-cancel", "dataset", "cancel", "table", "orders_cancel", "throttle",
				Map.of("rowsPerSecond", 2_000)));
		long id = start("cancel");
		awaitState(id, "RUNNING");
		Api.Answer cancelled = api().post("/api/v1/sync/runs/" + id + "/cancel");
		assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(202);
		assertThat(cancelled.json()).containsEntry("cancelRequested", true);
		awaitState(id, "CANCELLED");
		assertThat(fixtures().catalog().registrations("cancel")).isEmpty();
		assertThat(
				this.lake.fileSystem().exists(new org.apache.hadoop.fs.Path(this.lake.root(), "_staging/sync/" + id)))
			.as("staging removed")
			.isFalse();
		Api.Answer again = api().post("/api/v1/sync/runs/" + id + "/cancel");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json()).containsEntry("code", "RUN_NOT_CANCELLABLE");
	}

	@Test
	void throttleWhenRowsPerSecondSetThenRateStaysWithinFivePercentOverTenSeconds() {
		fixtures()
			.sql("create table throttled as select g as id, 'row-' || g as name from generate_series(1, 22000) g");
		postgresSource("pg-throttle");
		job(Map.of("name", "throttled", "source", "pg-throttle", "dataset", "throttled", "table", "throttled",
				"throttle", Map.of("rowsPerSecond", 2_000)));
		long id = start("throttled");
		awaitState(id, "SUCCEEDED");
		String logs = api().get("/api/v1/sync/runs/" + id + "/logs").body();
		Matcher matcher = Pattern.compile("Read 22000 records in ([0-9.]+) s \\(([0-9]+) records/s\\)").matcher(logs);
		assertThat(matcher.find()).as(logs).isTrue();
		double seconds = Double.parseDouble(matcher.group(1));
		double rate = 22_000 / seconds;
		assertThat(seconds).isGreaterThanOrEqualTo(10.0);
		assertThat(rate).as(String.format(Locale.ROOT, "%.1f rows/s", rate)).isBetween(1_900.0, 2_100.0);
	}

	@Test
	void heapUnderPressureThenNewRunsWaitAndRunningPullsPause() {
		fixtures().sql("create table pressured as select g as id from generate_series(1, 6000) g");
		postgresSource("pg-pressure");
		job(Map.of("name", "pressured", "source", "pg-pressure", "dataset", "pressured", "table", "pressured",
				"throttle", Map.of("rowsPerSecond", 3_000)));
		job(Map.of("name", "pressured-queued", "source", "pg-pressure", "dataset", "pressured-queued", "table",
				"pressured"));
		long running = start("pressured");
		Awaitility.await().atMost(RUN_TIMEOUT).until(() -> progress(run(running), "rowsRead") > 0);
		double pausesBefore = this.registry.counter("corelake.sync.backpressure.pauses").count();

		TestHeap.fraction = 0.95;
		long queued = start("pressured-queued");
		Awaitility.await()
			.during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.until(() -> "QUEUED".equals(run(queued).get("state")));
		assertThat(this.registry.counter("corelake.sync.backpressure.pauses").count()).isGreaterThan(pausesBefore);
		long frozen = progress(run(running), "rowsRead");
		Awaitility.await()
			.during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.until(() -> progress(run(running), "rowsRead") == frozen);

		TestHeap.fraction = 0.0;
		awaitState(queued, "SUCCEEDED");
		assertThat(progress(awaitState(running, "SUCCEEDED"), "rowsWritten")).isEqualTo(6_000);
	}

	@Test
	void cancelWhenQueuedThenCancelledAtOnce() {
		fixtures().sql("create table never_read as select 1 as id");
		postgresSource("pg-queued");
		job(Map.of("name", "queued-cancel", "source", "pg-queued", "dataset", "queued-cancel", "table", "never_read"));
		TestHeap.fraction = 0.95;
		long id = start("queued-cancel");
		Api.Answer second = api().post("/api/v1/sync/jobs/queued-cancel/runs");
		assertThat(second.status()).isEqualTo(409);
		assertThat(second.json()).containsEntry("code", "RUN_ALREADY_ACTIVE");
		Api.Answer cancelled = api().post("/api/v1/sync/runs/" + id + "/cancel");
		assertThat(cancelled.status()).isEqualTo(202);
		assertThat(cancelled.json()).containsEntry("state", "CANCELLED");
	}

	@Test
	void admissionWhenMoreRunsOfOneSourceThanItsLimitThenAtMostTwoRunAtOnce() {
		fixtures().sql("create table shared as select g as id from generate_series(1, 3000) g");
		postgresSource("pg-shared");
		for (int i = 1; i <= 3; i++) {
			job(Map.of("name", "shared-" + i, "source", "pg-shared", "dataset", "shared-" + i, "table", "shared",
					"throttle", Map.of("rowsPerSecond", 2_000)));
		}
		long[] ids = { start("shared-1"), start("shared-2"), start("shared-3") };
		int most = 0;
		long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			int runningNow = 0;
			int finished = 0;
			for (long id : ids) {
				Object state = run(id).get("state");
				runningNow += "RUNNING".equals(state) ? 1 : 0;
				finished += "SUCCEEDED".equals(state) ? 1 : 0;
			}
			most = Math.max(most, runningNow);
			if (finished == 3) {
				break;
			}
			Awaitility.await().pollDelay(Duration.ofMillis(100)).until(() -> true);
		}
		assertThat(most).as("corelake.sync.runs.max-concurrent-per-source").isEqualTo(2);
		for (long id : ids) {
			assertThat(run(id).get("state")).isEqualTo("SUCCEEDED");
		}
	}

}
