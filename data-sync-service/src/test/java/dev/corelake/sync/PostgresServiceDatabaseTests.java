package dev.corelake.sync;

import java.util.List;
import java.util.Map;

import dev.corelake.sync.engine.SyncEngine;
import org.apache.parquet.example.data.Group;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on PostgreSQL as its own database (as on Kubernetes) rather than H2: the
 * migrations, the admission row lock, the compare-and-set moves of runs, checkpoints and
 * a resumption after an abrupt stop, on the real thing.
 *
 * @author Corelake
 */
@DirtiesContext
class PostgresServiceDatabaseTests extends AbstractSyncTests {

	@Autowired
	private SyncEngine engine;

	@BeforeAll
	static void usePostgres() {
		SyncFixtures.get().sql("create database sync_service");
		serviceDatabase = SyncFixtures.get().postgresUrl().replace("/postgres", "/sync_service");
	}

	@AfterAll
	static void back() {
		serviceDatabase = null;
	}

	/** A context of its own (with the PostgreSQL database), closed after this class. */
	@DynamicPropertySource
	static void postgresDatabase(DynamicPropertyRegistry registry) {
		registry.add("corelake.test.service-database", () -> serviceDatabase);
	}

	@Test
	void runWhenServiceDatabaseIsPostgresThenItResumesAfterAnAbruptStopWithExactlyTheRows() throws Exception {
		fixtures().sql(JdbcSyncTests.createOrders("orders_pgdb", 18_000));
		postgresSource("pg-pgdb");
		job(Map.of("name", "pgdb", "source", "pg-pgdb", "dataset", "pgdb", "table", "orders_pgdb", "chunkRows", 3_000,
				"throttle", Map.of("rowsPerSecond", 6_000)));
		long id = start("pgdb");
		Awaitility.await().atMost(RUN_TIMEOUT).until(() -> progress(run(id), "rowsWritten") >= 6_000);
		this.engine.crash();
		this.engine.start();
		Map<String, Object> run = awaitState(id, "SUCCEEDED");
		assertThat(run.get("attempt")).isEqualTo(2);
		List<Group> rows = ParquetFiles.read(this.lake.fileSystem(), versionDir(run));
		assertThat(rows).hasSize(18_000);
		assertThat(JdbcSyncTests.checksum(rows)).isEqualTo(JdbcSyncTests.tableChecksum("orders_pgdb"));
		assertThat(api().get("/api/v1/sync/jobs/pgdb/runs").json()).containsEntry("totalItems", 1);
	}

}
