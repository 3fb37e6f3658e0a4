package dev.corelake.model;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on a real PostgreSQL server (as on Kubernetes) instead of H2: migrations,
 * the registration of a trained version, compare-and-set alias moves racing each other
 * (every move either wins or is retried, none is lost from the history) and the reader
 * filter of the model list.
 *
 * @author Corelake
 */
@DirtiesContext
class PostgresPersistenceTests extends AbstractModelTests {

	private static EmbeddedPostgres postgres;

	@Autowired
	private JdbcClient jdbc;

	@BeforeAll
	static void startPostgres() throws IOException {
		postgres = EmbeddedPostgres.start();
		serviceDatabase = postgres.getJdbcUrl("postgres", "postgres");
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		serviceDatabase = null;
		postgres.close();
	}

	/** A context of its own (on PostgreSQL), closed after this class. */
	@DynamicPropertySource
	static void onPostgres(DynamicPropertyRegistry registry) {
		registry.add("corelake.test.context", () -> "postgres");
	}

	@Test
	void registryWhenOnPostgresThenVersionsAliasesAndHistoryHold() throws Exception {
		assertThat(this.jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL");
		register(api(), "pg_model", artifacts().regressor("pg_model", 1, 10));
		Map<String, Object> run = api()
			.post("/api/v1/models/pg_model/training-runs", trainingRequest("linear_regression"))
			.json();
		COMPUTE.succeed((String) run.get("computeJobId"), TrainingRunTests.card("pg_model", 2));
		awaitRun(api(), "pg_model", (String) run.get("id"), "succeeded");

		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Integer>> moves = new java.util.ArrayList<>();
			for (int t = 0; t < 4; t++) {
				int thread = t;
				moves.add(pool.submit(() -> {
					int ok = 0;
					for (int i = 0; i < 10; i++) {
						int version = ((thread + i) % 2) + 1;
						if (api().put("/api/v1/models/pg_model/aliases/champion", Map.of("version", version), null)
							.status() == 200) {
							ok++;
						}
					}
					return ok;
				}));
			}
			for (Future<Integer> move : moves) {
				assertThat(move.get(60, TimeUnit.SECONDS)).isEqualTo(10);
			}
		}
		finally {
			pool.shutdownNow();
		}
		Map<String, Object> alias = api().get("/api/v1/models/pg_model/aliases/champion").json();
		long revision = ((Number) alias.get("revision")).longValue();
		List<Map<String, Object>> history = api().get("/api/v1/models/pg_model/aliases/champion/history?limit=1000")
			.list();
		// every real move raised the revision once and left one history entry
		assertThat(history).hasSize((int) revision);
		assertThat(history.get(0)).containsEntry("toVersion", alias.get("version"));

		Api.Answer predicted = api().post("/api/v1/models/pg_model/predict",
				Map.of("version", 1, "rows", List.of(Map.of("rooms", 3, "area", 50.0))));
		assertThat(predicted.status()).as(predicted.body()).isEqualTo(200);
		assertThat(api().get("/api/v1/models/pg_model/compare?versions=1,2").status()).isEqualTo(200);
		assertThat(api().put("/api/v1/models/pg_model/readers/a_b", null, null).status()).isEqualTo(200);
		assertThat(api().get("/api/v1/models").json()).containsEntry("totalItems", 1);
	}

}
