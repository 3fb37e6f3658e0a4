package dev.corelake.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.corelake.model.system.ModelSpark;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boots ai-model-service on a random port with an in-memory H2 database, a {@code file:}
 * lake in a temporary directory, compute-service and catalog-service stand-ins on
 * loopback, and fast polling. Every subclass with the same settings shares the one
 * application context; tests use model names of their own.
 *
 * @author Corelake
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
public abstract class AbstractModelTests {

	/** Runs reach their state (or are expected to) within this. */
	protected static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** The compute-service stand-in, for the whole test run. */
	protected static final FakeCompute COMPUTE = FakeCompute.start();

	/** The catalog-service stand-in, for the whole test run. */
	protected static final FakeCatalog CATALOG = FakeCatalog.start();

	/** The lake root. */
	protected static final Path LAKE = tempDir();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			COMPUTE.close();
			CATALOG.close();
		}));
		Awaitility.setDefaultPollInterval(Duration.ofMillis(50));
	}

	@LocalServerPort
	private int port;

	@Autowired
	protected ModelSpark spark;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	/**
	 * A database other than in-memory H2, set by a subclass before its context starts.
	 */
	protected static volatile String serviceDatabase;

	/**
	 * A token issuer, set by a subclass before its context starts: platform security is
	 * on then.
	 */
	protected static volatile String authUrl;

	@DynamicPropertySource
	static void fixtures(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> (serviceDatabase != null) ? serviceDatabase
				: "jdbc:h2:mem:model-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
		registry.add("spring.datasource.username", () -> (serviceDatabase != null) ? "postgres" : "corelake");
		registry.add("management.server.port", () -> "0");
		registry.add("corelake.lake.uri", () -> "file:" + LAKE.toAbsolutePath());
		registry.add("corelake.platform.downstream.services.compute-service.url", COMPUTE::url);
		registry.add("corelake.platform.downstream.services.catalog-service.url", CATALOG::url);
		registry.add("resilience4j.circuitbreaker.instances.compute-service.wait-duration-in-open-state",
				() -> "300ms");
		registry.add("corelake.model.training.poll-interval", () -> "200ms");
		registry.add("corelake.model.serving.cache-size", () -> "4");
		// off unless a subclass names a token issuer: the service's own behaviour is
		// under
		// test here, not the platform's token checks
		registry.add("corelake.platform.security.enabled", () -> Boolean.toString(authUrl != null));
		registry.add("corelake.platform.security.auth-url",
				() -> (authUrl != null) ? authUrl : "http://127.0.0.1:9/unused");
	}

	/**
	 * Closes every circuit breaker: the context (and so its breakers) is shared by all
	 * test classes, and an outage test must not leave the next test facing an open or
	 * half-open breaker, whose few trial calls the background run refresh also uses.
	 */
	@BeforeEach
	void closeCircuitBreakers() {
		this.circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

	/**
	 * The state of the breaker in front of a downstream service.
	 * @param service the service
	 * @return its state
	 */
	protected CircuitBreaker.State breaker(String service) {
		return this.circuitBreakers.circuitBreaker(service).getState();
	}

	/**
	 * A client of the service under test.
	 * @return it
	 */
	protected Api api() {
		return new Api("http://localhost:" + this.port, null);
	}

	/**
	 * The helper that trains real pipelines into this lake.
	 * @return it
	 */
	protected ModelArtifacts artifacts() {
		return new ModelArtifacts(this.spark.session(), LAKE);
	}

	/**
	 * A training request for a model.
	 * @param algorithm the algorithm
	 * @return the body
	 */
	protected static Map<String, Object> trainingRequest(String algorithm) {
		return Map.of("dataset", "customers@3", "algorithm", algorithm, "features", List.of("age", "income", "plan"),
				"label", "churned", "params", Map.of("maxIter", 30), "testFraction", 0.2, "seed", 42);
	}

	/**
	 * The training request that would have produced an artifact.
	 * @param artifact the artifact
	 * @return the body
	 */
	@SuppressWarnings("unchecked")
	protected static Map<String, Object> requestFor(ModelArtifacts.Artifact artifact) {
		Map<String, Object> training = artifact.training();
		List<String> features = ((List<Map<String, Object>>) training.get("featureSchema")).stream()
			.map((feature) -> (String) feature.get("name"))
			.toList();
		String label = (String) ((Map<String, Object>) training.get("label")).get("name");
		return Map.of("dataset", "customers@3", "algorithm",
				"classification".equals(training.get("task")) ? "logistic_regression" : "linear_regression", "features",
				features, "label", label, "testFraction", 0.2, "seed", 42);
	}

	/**
	 * Registers a version the way it happens for real: a training run is started, its
	 * compute job succeeds with the artifact's training result, and the run (refreshed in
	 * the background) registers the version.
	 * @param api the client
	 * @param model the model
	 * @param artifact the trained artifact
	 * @return the run as finally read
	 */
	protected Map<String, Object> register(Api api, String model, ModelArtifacts.Artifact artifact) {
		Api.Answer started = api.post("/api/v1/models/" + model + "/training-runs", requestFor(artifact));
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		String runId = (String) started.json().get("id");
		COMPUTE.succeed((String) started.json().get("computeJobId"), artifact.training());
		return awaitRun(api, model, runId, "succeeded");
	}

	/**
	 * Waits for a run to reach a state.
	 * @param api the client
	 * @param model the model
	 * @param runId the run
	 * @param state the state
	 * @return the run
	 */
	protected Map<String, Object> awaitRun(Api api, String model, String runId, String state) {
		Awaitility.await().atMost(TIMEOUT).until(() -> {
			Api.Answer run = api.get("/api/v1/models/" + model + "/training-runs/" + runId);
			assertThat(run.status()).as(run.body()).isEqualTo(200);
			return state.equals(run.json().get("state"));
		});
		return api.get("/api/v1/models/" + model + "/training-runs/" + runId).json();
	}

	private static Path tempDir() {
		try {
			return Files.createTempDirectory("corelake-model-tests").resolve("lake");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
