package dev.corelake.sync;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.corelake.lake.Lake;
import dev.corelake.sync.engine.HeapPressure;
import dev.corelake.sync.system.BackpressureProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boots data-sync-service on a random port with an in-memory H2 database, a {@code file:}
 * lake in a temporary directory, the catalog stand-in, a real PostgreSQL source, fast
 * polling and short leases. Every subclass shares the one application context.
 *
 * @author Corelake
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(AbstractSyncTests.TestHeap.class)
public abstract class AbstractSyncTests {

	/** Runs finish (or are expected to) within this. */
	protected static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * A lake other than the {@code file:} one, set by a subclass before its context
	 * starts.
	 */
	protected static volatile String lakeUri;

	/**
	 * A service database other than in-memory H2, set by a subclass before its context
	 * starts.
	 */
	protected static volatile String serviceDatabase;

	@LocalServerPort
	private int port;

	@Autowired
	protected Lake lake;

	@DynamicPropertySource
	static void fixtures(DynamicPropertyRegistry registry) {
		SyncFixtures fixtures = SyncFixtures.get();
		registry.add("spring.datasource.url", () -> (serviceDatabase != null) ? serviceDatabase
				: "jdbc:h2:mem:sync-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
		registry.add("spring.datasource.username", () -> (serviceDatabase != null) ? "postgres" : "corelake");
		registry.add("management.server.port", () -> "0");
		// the service's own behaviour is under test here, not the platform's token checks
		registry.add("corelake.platform.security.enabled", () -> "false");
		registry.add("corelake.lake.uri", () -> (lakeUri != null) ? lakeUri : fixtures.lake().toUri().toString());
		registry.add("corelake.sync.sources.files.allowed-dirs", () -> fixtures.inbox().toString());
		registry.add("corelake.platform.downstream.services.catalog-service.url", () -> fixtures.catalog().url());
		registry.add("resilience4j.circuitbreaker.instances.catalog-service.wait-duration-in-open-state",
				() -> "500ms");
		registry.add("corelake.sync.runs.poll-interval", () -> "100ms");
		registry.add("corelake.sync.runs.lease-ttl", () -> "2s");
		registry.add("corelake.sync.runs.commit-retry-initial", () -> "200ms");
		registry.add("corelake.sync.runs.commit-retry-max", () -> "1s");
		registry.add("corelake.sync.secrets.source-db", () -> "postgres");
	}

	protected SyncFixtures fixtures() {
		return SyncFixtures.get();
	}

	protected Api api() {
		return new Api("http://localhost:" + this.port);
	}

	/**
	 * Registers the PostgreSQL source under a name.
	 * @param name the source name
	 */
	protected void postgresSource(String name) {
		Api.Answer answer = api().post("/api/v1/sync/sources", Map.of("name", name, "kind", "jdbc", "url",
				fixtures().postgresUrl(), "user", "postgres", "passwordSecret", "source-db"));
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
	}

	/**
	 * Creates a job.
	 * @param body the job
	 */
	protected void job(Map<String, Object> body) {
		Api.Answer answer = api().post("/api/v1/sync/jobs", body);
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
	}

	/**
	 * Starts a run of a job.
	 * @param job the job
	 * @return the run's id
	 */
	protected long start(String job) {
		Api.Answer answer = api().post("/api/v1/sync/jobs/" + job + "/runs");
		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		return ((Number) answer.json().get("id")).longValue();
	}

	/**
	 * A run as the API shows it.
	 * @param id the run
	 * @return the run
	 */
	protected Map<String, Object> run(long id) {
		Api.Answer answer = api().get("/api/v1/sync/runs/" + id);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json();
	}

	/**
	 * Waits for a run to reach a state.
	 * @param id the run
	 * @param state the state
	 * @return the run
	 */
	protected Map<String, Object> awaitState(long id, String state) {
		Awaitility.await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
			Map<String, Object> run = run(id);
			Object current = run.get("state");
			if (!current.equals(state) && List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(current)) {
				throw new AssertionError("run " + id + " ended " + current + " instead of " + state + ": " + run);
			}
			return current.equals(state);
		});
		return run(id);
	}

	@SuppressWarnings("unchecked")
	protected static Map<String, Object> error(Map<String, Object> run) {
		return (Map<String, Object>) run.get("error");
	}

	@SuppressWarnings("unchecked")
	protected static long progress(Map<String, Object> run, String counter) {
		return ((Number) ((Map<String, Object>) run.get("progress")).get(counter)).longValue();
	}

	/**
	 * The lake directory of a committed run.
	 * @param run the run as the API shows it
	 * @return the directory
	 */
	protected org.apache.hadoop.fs.Path versionDir(Map<String, Object> run) {
		return this.lake.resolve(java.net.URI.create((String) run.get("location")));
	}

	static {
		Awaitility.setDefaultPollInterval(Duration.ofMillis(100));
	}

	/**
	 * Heap use as the engine sees it, set by tests (instead of the JVM's real figure).
	 */
	@TestConfiguration(proxyBeanMethods = false)
	public static class TestHeap {

		/** The fraction the engine reads. */
		public static volatile double fraction;

		@Bean
		HeapPressure heapPressure(BackpressureProperties properties, MeterRegistry registry) {
			return new HeapPressure(properties, () -> fraction, registry);
		}

	}

}
