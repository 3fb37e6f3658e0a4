package dev.corelake.standalone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.corelake.standalone.ResilienceMatrix.Fault;
import dev.corelake.standalone.ResilienceMatrix.Observation;
import dev.corelake.standalone.ResilienceMatrix.Operation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency-down matrix on the whole platform: for every service and every way it
 * fails (stopped, stalled, answering garbage), every public operation through the gateway
 * is called once the failure is in place. Operations that depend on the failed service,
 * directly or through another service, must answer the documented problem (status,
 * {@code code}, {@code retryable}, the {@code service}/{@code upstream} chain naming the
 * failed service) within their route's timeout; the others must answer as with everything
 * up, at most twice as slowly (with a floor for tiny latencies). After the service
 * returns, every operation must answer normally again within a bound, by itself.
 * <p>
 * Every service's callers reach it through a {@link FaultProxy}: the gateway's route and
 * the other services' clients (catalog, config, JWKS and revocations) alike, so a stall
 * behind compute-service's call to catalog-service is a real stall. A stopped service is
 * really stopped ({@link ServiceControl}) and its proxy port closed. Timeouts are the
 * production ones divided by five, to keep the run short while keeping their ratios.
 * <p>
 * The observations become the generated part of {@code docs/resilience.md}, always in
 * {@code target/resilience.md}; the page in {@code docs/} is checked for staleness on its
 * stable columns (statuses, codes, chains), and rewritten with
 * {@code -Dcorelake.docs.update=true}. A service added to the launcher needs only its
 * rows in {@link #operations()}.
 *
 * @author Corelake
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DependencyMatrixIT {

	private static final Log log = LogFactory.getLog(DependencyMatrixIT.class);

	private static final String ADMIN_PASSWORD = "matrix-it-admin-Secret-1";

	/** The gateway's response timeout on every route (production: 10 s). */
	static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(2);

	/** A service's read timeout towards another (production: 5 s). */
	static final Duration DOWNSTREAM_READ_TIMEOUT = Duration.ofSeconds(1);

	/**
	 * Read timeouts towards services that call others before they answer: longer than
	 * theirs, as in production (ai-model-service → compute-service: 8 s).
	 */
	static final Map<String, Duration> NESTED_READ_TIMEOUTS = Map.of("compute-service", Duration.ofMillis(1600));

	/**
	 * How long a caller's pooled connection may sit idle before it is checked again (the
	 * gateway's {@code validateAfterInactivity}, 1 s, and a margin).
	 */
	static final Duration CONNECTION_VALIDATION = Duration.ofMillis(1300);

	/** How long every operation may take to answer normally again after a recovery. */
	static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);

	private static final Path DOCS = Path.of("..", "docs", "resilience.md");

	private static final Path GENERATED = Path.of("target", "resilience.md");

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static Path dataDir;

	private static final Map<String, FaultProxy> proxies = new LinkedHashMap<>();

	private static PlatformLauncher.RunningPlatform platform;

	private static ServiceControl control;

	private static String gateway;

	private static String token;

	private static String refreshToken;

	private static String configRevision;

	private static String computeJob;

	private static final Deque<String> syncJobs = new ArrayDeque<>();

	private static final AtomicInteger counter = new AtomicInteger();

	private static final Map<String, Observation> baselines = new LinkedHashMap<>();

	private static final Map<Fault, Map<String, Map<String, Observation>>> cells = ResilienceMatrix.newCells();

	private static final Map<Fault, Map<String, String>> recovery = new LinkedHashMap<>();

	private static final List<String> violations = new ArrayList<>();

	/**
	 * The operations: one row each. {@code dependsOn} lists the services an operation
	 * needs while it is served, the one behind its route first; a service added to the
	 * platform adds its rows here.
	 */
	/** Two clusters of the seeded orders: small, so Spark's part stays short. */
	private static final String TRAINING = "{\"dataset\":\"matrix_orders\",\"algorithm\":\"kmeans\","
			+ "\"features\":[\"id\",\"shop\"],\"params\":{\"k\":2},\"testFraction\":0.2,\"seed\":1}";

	static List<Operation> operations() {
		return List.of(
				new Operation("log in", "POST /api/v1/auth/token grant_type=password", List.of("auth-service"), 200,
						() -> form("/api/v1/auth/token",
								"grant_type=password&username=admin&password=" + ADMIN_PASSWORD)),
				new Operation("refresh a token", "POST /api/v1/auth/token grant_type=refresh_token",
						List.of("auth-service"), 200, DependencyMatrixIT::refresh),
				new Operation("read settings", "GET /api/v1/config/namespaces/matrix/profiles/default/properties",
						List.of("config-service"), 200,
						() -> send("GET", "/api/v1/config/namespaces/matrix/profiles/default/properties", null,
								Map.of())),
				new Operation("change a setting", "PUT /api/v1/config/namespaces/matrix/profiles/default/properties/…",
						List.of("config-service"), 200, DependencyMatrixIT::changeSetting),
				new Operation("list datasets", "GET /api/v1/datasets", List.of("catalog-service"), 200,
						() -> send("GET", "/api/v1/datasets", null, Map.of())),
				new Operation("read a dataset", "GET /api/v1/datasets/matrix_orders", List.of("catalog-service"), 200,
						() -> send("GET", "/api/v1/datasets/matrix_orders", null, Map.of())),
				new Operation("add a sync source", "POST /api/v1/sync/sources", List.of("data-sync-service"), 201,
						() -> send("POST", "/api/v1/sync/sources",
								"{\"name\":\"matrix-src-" + counter.incrementAndGet()
										+ "\",\"kind\":\"csv\",\"path\":\"matrix.csv\"}",
								Map.of())),
				new Operation("start a sync run", "POST /api/v1/sync/jobs/{job}/runs", List.of("data-sync-service"),
						202, DependencyMatrixIT::startSyncRun),
				new Operation("submit a compute job", "POST /api/v1/compute/jobs",
						List.of("compute-service", "catalog-service"), 202, DependencyMatrixIT::submitComputeJob),
				new Operation("read a compute job", "GET /api/v1/compute/jobs/{id}", List.of("compute-service"), 200,
						() -> send("GET", "/api/v1/compute/jobs/" + computeJob, null, Map.of())),
				new Operation("list models", "GET /api/v1/models", List.of("ai-model-service"), 200,
						() -> send("GET", "/api/v1/models", null, Map.of())),
				new Operation("start a training run", "POST /api/v1/models/{m}/training-runs",
						List.of("ai-model-service", "compute-service", "catalog-service"), 202,
						DependencyMatrixIT::startTrainingRun),
				new Operation("predict", "POST /api/v1/models/matrix_model/predict", List.of("ai-model-service"), 200,
						() -> send("POST", "/api/v1/models/matrix_model/predict",
								"{\"version\":1,\"rows\":[{\"id\":1,\"shop\":1}]}", Map.of())),
				new Operation("trace a model's lineage", "GET /api/v1/models/matrix_model/versions/1/lineage",
						List.of("ai-model-service", "catalog-service"), 200,
						() -> send("GET", "/api/v1/models/matrix_model/versions/1/lineage", null, Map.of())));
	}

	/** The services the matrix fails one at a time: every one the launcher starts. */
	static List<String> services() {
		return PlatformLauncher.SERVICES.stream()
			.map(ServiceDefinition::name)
			.filter((name) -> !name.equals(PlatformLauncher.GATEWAY))
			.toList();
	}

	@BeforeAll
	static void start() throws Exception {
		Files.deleteIfExists(GENERATED);
		dataDir = Files.createTempDirectory("matrix-it");
		Files.createDirectories(dataDir.resolve("inbox"));
		Files.writeString(dataDir.resolve("inbox/matrix.csv"), "id,name\n1,apple\n2,pear\n3,plum\n");
		Map<String, Integer> ports = new LinkedHashMap<>();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("corelake.auth.admin-password", ADMIN_PASSWORD);
		// the matrix calls far more than a person would: no rate limit in the way
		properties.put("corelake.gateway.rate-limits.groups.default.capacity", 1_000_000);
		properties.put("corelake.gateway.rate-limits.groups.auth.capacity", 1_000_000);
		// production timeouts divided by five: route 10 s → 2 s, downstream 5 s → 1 s,
		// connect 2 s → 0.4 s, retry backoff 200 ms → 40 ms, breaker open 10 s → 2 s
		properties.put("resilience4j.retry.configs.default.wait-duration", "40ms");
		properties.put("resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state", "2s");
		// a stopped service finishes in-flight requests (the config watches) quickly
		properties.put("spring.lifecycle.timeout-per-shutdown-phase", "1s");
		for (String service : services()) {
			int port = FaultProxy.freePort();
			ports.put(service, port);
			FaultProxy proxy = FaultProxy.start(service, FaultProxy.freePort(), port);
			proxies.put(service, proxy);
			String route = "corelake.gateway.services." + service;
			properties.put(route + ".url", proxy.url());
			properties.put(route + ".response-timeout", ROUTE_TIMEOUT.toString());
			String downstream = "corelake.platform.downstream.services." + service;
			properties.put(downstream + ".url", proxy.url());
			properties.put(downstream + ".read-timeout",
					NESTED_READ_TIMEOUTS.getOrDefault(service, DOWNSTREAM_READ_TIMEOUT).toString());
			properties.put(downstream + ".connect-timeout", "400ms");
		}
		properties.put("corelake.platform.security.auth-url", proxies.get("auth-service").url());
		properties.put("corelake.config.client.uri", proxies.get("config-service").url());
		platform = PlatformLauncher.start(dataDir, (service) -> ports.getOrDefault(service.name(), 0), (service) -> 0,
				properties);
		control = new ServiceControl(platform);
		gateway = platform.url("gateway-service");
		HttpResponse<String> login = form("/api/v1/auth/token",
				"grant_type=password&username=admin&password=" + ADMIN_PASSWORD);
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		token = ResilienceMatrix.field(login.body(), "access_token");
		refreshToken = ResilienceMatrix.field(login.body(), "refresh_token");
		prepareData();
	}

	@AfterAll
	static void stop() {
		if (platform != null) {
			platform.close();
		}
		proxies.values().forEach(FaultProxy::close);
		if (dataDir != null) {
			FileSystemUtils.deleteRecursively(dataDir.toFile());
		}
	}

	@Test
	@Order(1)
	void everyServiceOfThePlatformHasItsOperations() {
		for (String service : services()) {
			assertThat(operations().stream().map(Operation::route))
				.as("%s has no operation in the matrix: add its rows to DependencyMatrixIT.operations()", service)
				.contains(service);
		}
	}

	@Test
	@Order(2)
	void everyOperationFailsCleanlyOnlyWhenItsDependencyFailsAndRecovers() throws Exception {
		List<Operation> operations = operations();
		for (int i = 0; i < 2; i++) {
			for (Operation operation : operations) {
				measure(operation);
			}
		}
		for (Operation operation : operations) {
			List<Observation> samples = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				samples.add(measure(operation));
			}
			Observation first = samples.get(0);
			assertThat(samples).as("%s with everything up", operation.name())
				.allSatisfy((seen) -> assertThat(seen.status()).isEqualTo(operation.status()));
			baselines.put(operation.name(), new Observation(first.status(), null, null, List.of(),
					ResilienceMatrix.median(samples.stream().map(Observation::millis).toList())));
		}
		ExecutorService background = Executors.newCachedThreadPool();
		try {
			for (Fault fault : Fault.values()) {
				for (String service : services()) {
					cell(operations, service, fault, background);
				}
			}
		}
		finally {
			background.shutdownNow();
		}
		String generated = ResilienceMatrix.render(operations, services(), baselines, cells, recovery, header());
		Files.createDirectories(GENERATED.getParent());
		Files.writeString(GENERATED, generated + "\n", StandardCharsets.UTF_8);
		log.info("Dependency matrix written to " + GENERATED.toAbsolutePath());
		assertThat(violations).as("the dependency matrix (see %s)", GENERATED.toAbsolutePath()).isEmpty();
	}

	@Test
	@Order(3)
	void resiliencePageIsCurrent() throws Exception {
		assertThat(GENERATED).as("the matrix ran first").exists();
		String generated = Files.readString(GENERATED, StandardCharsets.UTF_8).strip();
		String page = Files.exists(DOCS) ? Files.readString(DOCS, StandardCharsets.UTF_8) : "# Resilience\n";
		if (Boolean.getBoolean("corelake.docs.update")) {
			page = ResilienceMatrix.replaceGenerated(page, generated);
			Files.writeString(DOCS, page, StandardCharsets.UTF_8);
		}
		assertThat(ResilienceMatrix.stablePart(page))
			.as("docs/resilience.md is stale (statuses, codes or chains changed): run "
					+ "mvn -pl standalone verify -Dit.test=DependencyMatrixIT -Dcorelake.docs.update=true")
			.isEqualTo(ResilienceMatrix.stablePart(generated));
	}

	@Test
	@Order(4)
	void shortLoadWithCatalogStoppedAndRestartedLosesAndDuplicatesNothing() throws Exception {
		FaultProxy proxy = proxies.get("catalog-service");
		FaultLoad.Outage outage = new FaultLoad.Outage() {

			@Override
			public Duration stop(String service) {
				proxy.mode(FaultProxy.Mode.REFUSE);
				return control.stop(service);
			}

			@Override
			public Duration start(String service) {
				Duration took = control.start(service);
				proxy.mode(FaultProxy.Mode.PASS);
				return took;
			}

		};
		control.resetCircuitBreakers();
		// the breakers here stay open 2 s: 3 s after the restart everything answers
		FaultLoad.Report report = new FaultLoad(gateway, token, outage).run("it", "catalog-service",
				Duration.ofSeconds(20), 4, Duration.ofSeconds(3));
		log.info("Short load with faults:\n" + report.markdown());
		FaultLoadBenchmark.check(report, "catalog-service");
		assertThat(report.errors("register a dataset version", FaultLoad.Phase.DURING)).isPositive();
		assertThat(report.written().get("register a dataset version")).isPositive();
	}

	private static void cell(List<Operation> operations, String service, Fault fault, ExecutorService background)
			throws Exception {
		FaultProxy proxy = proxies.get(service);
		control.resetCircuitBreakers();
		switch (fault) {
			case STOPPED -> {
				proxy.mode(FaultProxy.Mode.REFUSE);
				long refused = System.nanoTime();
				control.stop(service);
				// the gateway checks a pooled connection once it has been idle for 1 s;
				// before that, a request may still go out on one the stopped service
				// closed, and the caller gets a dropped connection rather than a refusal
				long settle = CONNECTION_VALIDATION.toNanos() - (System.nanoTime() - refused);
				if (settle > 0) {
					Thread.sleep(settle / 1_000_000 + 1);
				}
			}
			case STALLED -> proxy.mode(FaultProxy.Mode.STALL);
			case GARBAGE -> proxy.mode(FaultProxy.Mode.GARBAGE);
		}
		Map<String, CompletableFuture<Observation>> dependent = new LinkedHashMap<>();
		for (Operation operation : operations) {
			if (operation.dependsOn(service)) {
				dependent.put(operation.name(),
						CompletableFuture.supplyAsync(() -> measureQuietly(operation), background));
			}
		}
		Map<String, Observation> seen = new LinkedHashMap<>();
		// the others, while the calls to the failed service are in flight
		for (Operation operation : operations) {
			if (!operation.dependsOn(service)) {
				List<Observation> samples = new ArrayList<>();
				for (int i = 0; i < 3; i++) {
					samples.add(measure(operation));
				}
				long median = ResilienceMatrix.median(samples.stream().map(Observation::millis).toList());
				if (median > ResilienceMatrix.allowedLatency(baselines.get(operation.name()).millis())) {
					// confirm before calling it harm: a service stopping or a collection
					// on
					// two busy cores slows a Spark-backed call (predict) for a moment,
					// while
					// harm from the failed service lasts as long as the fault
					for (int i = 0; i < 4; i++) {
						samples.add(measure(operation));
					}
					median = ResilienceMatrix.median(samples.stream().map(Observation::millis).toList());
				}
				Observation worst = samples.stream()
					.filter((sample) -> sample.status() != operation.status())
					.findFirst()
					.orElse(samples.get(0));
				seen.put(operation.name(),
						new Observation(worst.status(), worst.code(), worst.retryable(), worst.chain(), median));
			}
		}
		for (Map.Entry<String, CompletableFuture<Observation>> call : dependent.entrySet()) {
			seen.put(call.getKey(), call.getValue().get());
		}
		Map<String, Observation> column = new LinkedHashMap<>();
		for (Operation operation : operations) {
			Observation observation = seen.get(operation.name());
			column.put(operation.name(), observation);
			cells.computeIfAbsent(fault, (key) -> new LinkedHashMap<>())
				.computeIfAbsent(operation.name(), (key) -> new LinkedHashMap<>())
				.put(service, observation);
			violations.addAll(ResilienceMatrix.check(operation, service, fault, observation,
					baselines.get(operation.name()), ROUTE_TIMEOUT));
		}
		log.info("Matrix: " + service + " " + fault.label + " → " + column);
		String restarted = "";
		if (fault == Fault.STOPPED) {
			restarted = "restarted " + ResilienceMatrix.took(control.start(service)) + ", ";
		}
		proxy.mode(FaultProxy.Mode.PASS);
		recovery.computeIfAbsent(fault, (key) -> new LinkedHashMap<>()).put(service, restarted + recover(operations));
	}

	/**
	 * Calls every operation until each answers as with everything up, within
	 * {@link #RECOVERY_BOUND}.
	 */
	private static String recover(List<Operation> operations) {
		long start = System.nanoTime();
		List<Operation> pending = new ArrayList<>(operations);
		try {
			Awaitility.await()
				.atMost(RECOVERY_BOUND)
				.pollInterval(Duration.ofMillis(200))
				.pollDelay(Duration.ZERO)
				.until(() -> {
					pending.removeIf((operation) -> measureQuietly(operation).status() == operation.status());
					return pending.isEmpty();
				});
		}
		catch (ConditionTimeoutException ex) {
			// reported below
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		if (!pending.isEmpty()) {
			violations.add("no recovery within " + RECOVERY_BOUND.toSeconds() + " s: "
					+ pending.stream().map(Operation::name).toList());
			return "**not recovered** " + ResilienceMatrix.took(took);
		}
		replenishSyncJobs();
		return "all answered again " + ResilienceMatrix.took(took);
	}

	private static Observation measure(Operation operation) throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> response = operation.call().send();
		return Observation.of(response, (System.nanoTime() - start) / 1_000_000);
	}

	private static Observation measureQuietly(Operation operation) {
		try {
			return measure(operation);
		}
		catch (Exception ex) {
			// the client gave up: a hang, which the matrix reports as such
			return new Observation(0, ex.getClass().getSimpleName(), null, List.of(), 30_000);
		}
	}

	private static String header() {
		return String.format(Locale.ROOT,
				"_Measured on JDK %s, %d processors, %s. Route timeouts %d ms, service-to-service read "
						+ "timeouts %d ms (production: ×5). Latencies (in parentheses) vary from run to run; "
						+ "the rest is checked by the build._",
				Runtime.version().feature(), Runtime.getRuntime().availableProcessors(), java.time.LocalDate.now(),
				ROUTE_TIMEOUT.toMillis(), DOWNSTREAM_READ_TIMEOUT.toMillis());
	}

	// operations with state

	private static HttpResponse<String> refresh() throws Exception {
		HttpResponse<String> response = form("/api/v1/auth/token",
				"grant_type=refresh_token&refresh_token=" + refreshToken);
		if (response.statusCode() == 200) {
			refreshToken = ResilienceMatrix.field(response.body(), "refresh_token");
		}
		return response;
	}

	private static HttpResponse<String> changeSetting() throws Exception {
		HttpResponse<String> response = send("PUT",
				"/api/v1/config/namespaces/matrix/profiles/default/properties/matrix.counter",
				"{\"value\":\"" + counter.incrementAndGet() + "\"}", Map.of("If-Match", configRevision));
		response.headers().firstValue("ETag").ifPresent((etag) -> configRevision = etag);
		return response;
	}

	private static HttpResponse<String> startSyncRun() throws Exception {
		String job = syncJobs.isEmpty() ? "matrix-none" : syncJobs.pop();
		return send("POST", "/api/v1/sync/jobs/" + job + "/runs", null, Map.of());
	}

	private static HttpResponse<String> submitComputeJob() throws Exception {
		HttpResponse<String> response = send("POST", "/api/v1/compute/jobs",
				"{\"sql\":\"select count(*) as n from matrix_orders\",\"output\":\"matrix_counts\"}", Map.of());
		String id = ResilienceMatrix.field(response.body(), "id");
		if (response.statusCode() == 202 && id != null) {
			// only the answer matters here: keep Spark out of the latencies
			send("POST", "/api/v1/compute/jobs/" + id + "/cancel", null, Map.of());
		}
		return response;
	}

	private static HttpResponse<String> startTrainingRun() throws Exception {
		HttpResponse<String> response = send("POST", "/api/v1/models/matrix_train/training-runs", TRAINING, Map.of());
		String id = ResilienceMatrix.field(response.body(), "id");
		if (response.statusCode() == 202 && id != null) {
			// only the answer matters here: keep Spark out of the latencies
			send("POST", "/api/v1/models/matrix_train/training-runs/" + id + "/cancel", null, Map.of());
		}
		return response;
	}

	private static void prepareData() throws Exception {
		HttpResponse<String> settings = send("GET", "/api/v1/config/namespaces/matrix/profiles/default/properties",
				null, Map.of());
		configRevision = settings.headers().firstValue("ETag").orElse("\"0\"");
		// straight to compute-service: its first submission may take longer than the
		// short route timeout, and setting up is not what is measured
		HttpResponse<String> seed = send("POST", platform.url("compute-service") + "/api/v1/compute/jobs",
				"{\"sql\":\"select id, cast(id % 3 as int) as shop from range(60)\",\"output\":\"matrix_orders\"}",
				Map.of());
		assertThat(seed.statusCode()).as(seed.body()).isEqualTo(202);
		computeJob = ResilienceMatrix.field(seed.body(), "id");
		String done = Awaitility.await()
			.atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> String.valueOf(ResilienceMatrix
				.field(send("GET", "/api/v1/compute/jobs/" + computeJob, null, Map.of()).body(), "state")),
					(state) -> !state.matches("queued|running|committing"));
		assertThat(done).isEqualTo("succeeded");
		// version 1 of matrix_model, to predict with and to trace (setup: straight to
		// ai-model-service, and Spark's time is not measured)
		// compute-service's first training submission may outlast the short
		// service-to-service timeout (504); a retry finds it warm
		HttpResponse<String> training = Awaitility.await()
			.atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> send("POST", platform.url("ai-model-service") + "/api/v1/models/matrix_model/training-runs",
					TRAINING, Map.of()), (answer) -> answer.statusCode() != 504);
		assertThat(training.statusCode()).as(training.body()).isEqualTo(202);
		String run = "/api/v1/models/matrix_model/training-runs/" + ResilienceMatrix.field(training.body(), "id");
		String trained = Awaitility.await()
			.atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> String.valueOf(ResilienceMatrix.field(send("GET", run, null, Map.of()).body(), "state")),
					(state) -> !state.matches("queued|running"));
		assertThat(trained).as(send("GET", run, null, Map.of()).body()).isEqualTo("succeeded");
		HttpResponse<String> source = send("POST", "/api/v1/sync/sources",
				"{\"name\":\"matrix-csv\",\"kind\":\"csv\",\"path\":\"matrix.csv\"}", Map.of());
		assertThat(source.statusCode()).as(source.body()).isEqualTo(201);
		replenishSyncJobs();
	}

	/** Sync jobs for "start a sync run": a job has one active run at most. */
	private static void replenishSyncJobs() {
		while (syncJobs.size() < 12) {
			String name = "matrix-" + counter.incrementAndGet();
			try {
				HttpResponse<String> created = send("POST", "/api/v1/sync/jobs",
						"{\"name\":\"" + name + "\",\"source\":\"matrix-csv\",\"dataset\":\"matrix_synced\"}",
						Map.of());
				assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
				syncJobs.push(name);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	private static HttpResponse<String> form(String path, String body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> send(String method, String path, String json, Map<String, String> headers)
			throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(path.startsWith("http") ? path : gateway + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		headers.forEach(request::header);
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
