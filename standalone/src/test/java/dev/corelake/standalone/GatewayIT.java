package dev.corelake.standalone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.corelake.gateway.test.StubUpstream;
import dev.corelake.gateway.test.StubUpstream.Behaviour;
import dev.corelake.platform.security.test.TestJwtIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static dev.corelake.errors.test.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform used through gateway-service, one acceptance behaviour of the
 * gateway per test: routing to the real services, bad tokens and traversal attempts
 * stopped at the edge (checked at catalog-service, which must never see them), CORS,
 * oversized requests, exact rate limits, and — last — real services stopped.
 * <p>
 * Misbehaving upstreams (stalling, failing) are stand-ins: the routes of services that do
 * not exist yet ({@code /api/v1/compute/**}, {@code /api/v1/models/**},
 * {@code /api/v1/sync/**}) are pointed at {@link StubUpstream}s on loopback.
 *
 * @author Corelake
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayIT {

	private static final String ADMIN_PASSWORD = "gateway-it-admin-Secret-1";

	private static final String ORIGIN = "https://console.example.com";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static Path dataDir;

	private static StubUpstream compute;

	private static StubUpstream models;

	private static StubUpstream sync;

	private static PlatformLauncher.RunningPlatform platform;

	private static String gateway;

	private static String token;

	@BeforeAll
	static void start() throws Exception {
		dataDir = Files.createTempDirectory("gateway-it");
		compute = StubUpstream.start();
		models = StubUpstream.start();
		sync = StubUpstream.start();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("corelake.auth.admin-password", ADMIN_PASSWORD);
		properties.put("corelake.gateway.cors.allowed-origins", ORIGIN);
		// compute: stalls and failures; a short timeout and a small breaker window
		properties.put("corelake.gateway.services.compute-service.url", compute.url());
		properties.put("corelake.gateway.services.compute-service.health-url", compute.url() + "/health");
		properties.put("corelake.gateway.services.compute-service.response-timeout", "1s");
		properties.put("resilience4j.circuitbreaker.instances.compute-service.sliding-window-size", 4);
		properties.put("resilience4j.circuitbreaker.instances.compute-service.minimum-number-of-calls", 4);
		properties.put("resilience4j.circuitbreaker.instances.compute-service.wait-duration-in-open-state", "2s");
		properties.put(
				"resilience4j.circuitbreaker.instances.compute-service.permitted-number-of-calls-in-half-open-state",
				1);
		// models: a stall held by a bulkhead of two
		properties.put("corelake.gateway.services.ai-model-service.url", models.url());
		properties.put("corelake.gateway.services.ai-model-service.health-url", models.url() + "/health");
		properties.put("corelake.gateway.services.ai-model-service.response-timeout", "30s");
		properties.put("resilience4j.bulkhead.instances.ai-model-service.max-concurrent-calls", 2);
		// sync: a tight rate limit, and a public part for anonymous clients
		properties.put("corelake.gateway.services.data-sync-service.url", sync.url());
		properties.put("corelake.gateway.services.data-sync-service.health-url", sync.url() + "/health");
		properties.put("corelake.gateway.services.data-sync-service.rate-limit", "tight");
		properties.put("corelake.gateway.rate-limits.groups.tight.capacity", 5);
		properties.put("corelake.gateway.rate-limits.groups.tight.period", "4s");
		properties.put("corelake.platform.security.public-paths",
				"/api/v1/auth/token,/.well-known/jwks.json,/.well-known/openid-configuration,/api/v1/platform/**,"
						+ "/v3/api-docs,/v3/api-docs/**,/swagger-ui.html,/swagger-ui/**,/api/v1/sync/public/**");
		platform = PlatformLauncher.start(dataDir, (service) -> 0, (service) -> 0, properties);
		gateway = platform.url("gateway-service");
		HttpResponse<String> login = login("admin", ADMIN_PASSWORD);
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		token = login.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
	}

	@AfterAll
	static void stop() throws IOException {
		if (platform != null) {
			platform.close();
		}
		compute.close();
		models.close();
		sync.close();
		org.springframework.util.FileSystemUtils.deleteRecursively(dataDir);
	}

	@Test
	@Order(1)
	void routesLeadToEachServiceByResourcePrefix() throws Exception {
		HttpResponse<String> created = send("POST", "/api/v1/datasets",
				"{\"name\":\"gateway_orders\",\"owner\":\"admin\",\"tags\":[\"gw\"]}", Map.of());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).contains("/api/v1/datasets/gateway_orders");
		HttpResponse<String> through = send("GET", "/api/v1/datasets/gateway_orders", null, Map.of());
		HttpResponse<String> direct = HTTP.send(
				HttpRequest.newBuilder(URI.create(platform.url("catalog-service") + "/api/v1/datasets/gateway_orders"))
					.header("Authorization", "Bearer " + token)
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(through.statusCode()).isEqualTo(200);
		assertThat(through.body()).isEqualTo(direct.body());
		assertThat(through.headers().firstValue("ETag")).isEqualTo(direct.headers().firstValue("ETag"));
		// the service's own problem passes unchanged
		HttpResponse<String> missing = send("GET", "/api/v1/datasets/not_there", null, Map.of());
		assertProblem(missing, 404, "DATASET_NOT_FOUND");
		assertThat(missing.body()).contains("\"service\":\"catalog-service\"");
		assertThat(send("GET", "/api/v1/config/namespaces", null, Map.of()).statusCode()).isEqualTo(200);
		HttpResponse<String> jwks = HTTP.send(
				HttpRequest.newBuilder(URI.create(gateway + "/.well-known/jwks.json")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(jwks.statusCode()).isEqualTo(200);
		assertThat(jwks.body()).contains("\"keys\"");
		HttpResponse<String> me = send("GET", "/api/v1/auth/me", null, Map.of());
		assertThat(me.body()).contains("admin");
		assertProblem(send("GET", "/api/v1/nothing", null, Map.of()), 404, "NOT_FOUND");
	}

	@Test
	@Order(2)
	void badTokensAreStoppedAtTheEdge() throws Exception {
		TestJwtIssuer stranger = TestJwtIssuer.start();
		try {
			String good = token;
			List<String> forged = List.of("garbage", good.substring(0, good.lastIndexOf('.') + 1),
					"eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0." + good.split("\\.")[1] + ".",
					stranger.token("admin", "ADMIN"), good.substring(0, good.length() - 4) + "AAAA",
					"x".repeat(9 * 1024));
			long before = catalogRequests();
			for (String bad : forged) {
				HttpResponse<String> response = send("GET", "/api/v1/datasets", null,
						Map.of("Authorization", "Bearer " + bad));
				assertThat(response.statusCode()).as(bad.substring(0, Math.min(bad.length(), 40))).isEqualTo(401);
				assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant();
				assertThat(response.body()).contains("\"service\":\"gateway-service\"");
			}
			assertProblem(sendAnonymous("GET", "/api/v1/datasets"), 401, "AUTHENTICATION_REQUIRED");
			assertCatalogSawOnlyOneMoreRequest(before);
		}
		finally {
			stranger.close();
		}
	}

	@Test
	@Order(3)
	void traversalAndAmbiguousPathsNeverReachAService() throws Exception {
		long before = catalogRequests();
		for (String path : List.of("/api/v1/datasets/../../actuator/env", "/api/v1/datasets/%2e%2e/%2e%2e/actuator/env",
				"/api/v1/datasets/..%2f..%2factuator%2fenv", "/api/v1/datasets/x%5c..%5c..%5cactuator",
				"/api/v1/datasets/x\\..\\..\\actuator", "/api/v1/datasets;a=b/x", "/api/v1/datasets/x%00",
				"/api/v1/datasets/%252e%252e/actuator", "/api/v1/datasets//x", "/api/v1/datasets/./x",
				"/api/v1/datasets/x%0d%0aX-Injected:1", "/api/v1/config/../datasets/x")) {
			String answer = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
					+ "\r\nConnection: close\r\n\r\n");
			assertThat(answer).as(path).startsWith("HTTP/1.1 400");
		}
		// management endpoints are not routed: neither the gateway's nor a service's
		for (String path : List.of("/actuator/health", "/actuator/env", "/api/v1/datasets/actuator/env")) {
			HttpResponse<String> response = send("GET", path, null, Map.of());
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.body()).doesNotContain("\"UP\"").doesNotContain("propertySources");
		}
		assertCatalogSawOnlyOneMoreRequest(before + 1);
	}

	@Test
	@Order(4)
	void corsAllowsTheConfiguredOriginOnly() throws Exception {
		HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/datasets"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", ORIGIN)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization,content-type")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
		assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).contains("1800");
		HttpResponse<String> allowed = send("GET", "/api/v1/datasets", null, Map.of("Origin", ORIGIN));
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
		HttpResponse<String> denied = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/datasets"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "DELETE")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertProblem(denied, 403, "CORS_REJECTED");
		assertThat(denied.headers().map().keySet())
			.noneMatch((name) -> name.toLowerCase().startsWith("access-control-"));
		HttpResponse<String> deniedGet = send("GET", "/api/v1/datasets", null,
				Map.of("Origin", "https://evil.example"));
		assertProblem(deniedGet, 403, "CORS_REJECTED");
		assertThat(deniedGet.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	@Order(5)
	void oversizedBodiesAndHeadersAreRefused() throws Exception {
		long before = catalogRequests();
		HttpResponse<String> body = send("POST", "/api/v1/datasets",
				"{\"name\":\"big\",\"description\":\"" + "x".repeat(1024 * 1024) + "\"}", Map.of());
		assertProblem(body, 413, "PAYLOAD_TOO_LARGE");
		HttpResponse<String> headers = send("GET", "/api/v1/datasets", null,
				Map.of("X-Padding", "p".repeat(16 * 1024)));
		assertProblem(headers, 431, "HEADERS_TOO_LARGE");
		assertCatalogSawOnlyOneMoreRequest(before);
	}

	@Test
	@Order(6)
	void rateLimitCountsExactlyAndResets() throws Exception {
		for (int remaining = 4; remaining >= 0; remaining--) {
			HttpResponse<String> response = send("GET", "/api/v1/sync/jobs", null, Map.of());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("RateLimit-Limit")).contains("5");
			assertThat(response.headers().firstValue("RateLimit-Remaining")).contains(Integer.toString(remaining));
		}
		int hits = sync.hits();
		HttpResponse<String> refused = send("GET", "/api/v1/sync/jobs", null, Map.of());
		assertProblem(refused, 429, "RATE_LIMITED");
		assertThat(refused.headers().firstValue("Retry-After").map(Integer::parseInt))
			.hasValueSatisfying((seconds) -> assertThat(seconds).isBetween(1, 4));
		assertThat(refused.headers().firstValue("RateLimit-Remaining")).contains("0");
		assertThat(sync.hits()).isEqualTo(hits);
		await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			HttpResponse<String> again = send("GET", "/api/v1/sync/jobs", null, Map.of());
			assertThat(again.statusCode()).isEqualTo(200);
			assertThat(again.headers().firstValue("RateLimit-Remaining")).contains("4");
		});
	}

	@Test
	@Order(7)
	void spoofedForwardedForDoesNotChangeTheLimitedKey() throws Exception {
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> response = HTTP
				.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/sync/public/status"))
					.header("X-Forwarded-For", "198.51.100." + i)
					.header("Forwarded", "for=198.51.100." + i)
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(sync.lastHeader("X-Forwarded-For")).containsExactly("127.0.0.1");
			assertThat(sync.lastHeader("Forwarded")).isEmpty();
		}
		HttpResponse<String> refused = HTTP
			.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/sync/public/status"))
				.header("X-Forwarded-For", "203.0.113.77")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertProblem(refused, 429, "RATE_LIMITED");
	}

	@Test
	@Order(8)
	void stallingUpstreamAnswers504AtTheRouteTimeout() throws Exception {
		compute.answer(Behaviour.stall(Duration.ofSeconds(10)));
		try {
			long start = System.nanoTime();
			HttpResponse<String> response = send("GET", "/api/v1/compute/jobs", null, Map.of());
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertProblem(response, 504, "UPSTREAM_TIMEOUT");
			assertThat(response.body()).contains("compute-service");
			assertThat(took).isBetween(Duration.ofMillis(950), Duration.ofMillis(4000));
		}
		finally {
			compute.answer(Behaviour.json(200, "{}"));
		}
	}

	@Test
	@Order(9)
	void breakerOpensStopsCallingHalfOpensAndCloses() throws Exception {
		compute.answer(Behaviour.html(500));
		// failures (the earlier timeout counts too) open the breaker within its window of
		// 4
		int failures = 0;
		HttpResponse<String> answer = send("POST", "/api/v1/compute/jobs", "{}", Map.of());
		while (answer.statusCode() == 502 && failures < 8) {
			assertProblem(answer, 502, "UPSTREAM_BAD_RESPONSE");
			failures++;
			answer = send("POST", "/api/v1/compute/jobs", "{}", Map.of());
		}
		assertProblem(answer, 503, "UPSTREAM_CIRCUIT_OPEN");
		assertThat(failures).isBetween(3, 4);
		int hits = compute.hits();
		HttpResponse<String> open = send("GET", "/api/v1/compute/jobs", null, Map.of());
		assertProblem(open, 503, "UPSTREAM_CIRCUIT_OPEN");
		assertThat(open.headers().firstValue("Retry-After").map(Integer::parseInt))
			.hasValueSatisfying((seconds) -> assertThat(seconds).isBetween(1, 2));
		assertThat(compute.hits()).as("no call reaches the service while the breaker is open").isEqualTo(hits);
		compute.answer(Behaviour.json(200, "{\"jobs\":[]}"));
		// half-open after 2 s: one trial call, which succeeds and closes the breaker
		await().atMost(Duration.ofSeconds(6))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> send("GET", "/api/v1/compute/jobs", null, Map.of()).statusCode() == 200);
		assertThat(compute.hits()).isEqualTo(hits + 1);
		for (int i = 0; i < 3; i++) {
			assertThat(send("GET", "/api/v1/compute/jobs", null, Map.of()).statusCode()).isEqualTo(200);
		}
	}

	@Test
	@Order(10)
	void stalledUpstreamLeavesOtherRoutesLatencyUnchanged() throws Exception {
		List<Long> before = catalogLatencies(10);
		models.answer(Behaviour.stall(Duration.ofSeconds(30)));
		List<CompletableFuture<HttpResponse<String>>> stalled = new ArrayList<>();
		try {
			for (int i = 0; i < 2; i++) {
				stalled.add(HTTP.sendAsync(request("GET", "/api/v1/models/m1", null, Map.of()).build(),
						HttpResponse.BodyHandlers.ofString()));
			}
			await().atMost(Duration.ofSeconds(5)).until(() -> models.stalled() == 2);
			// the bulkhead is full: more calls to the stalled service are refused at once
			for (int i = 0; i < 5; i++) {
				assertProblem(send("GET", "/api/v1/models/m1", null, Map.of()), 503, "UPSTREAM_BUSY");
			}
			List<Long> during = catalogLatencies(10);
			assertThat(models.stalled()).isEqualTo(2);
			assertThat(median(during)).as("catalog latency (ms) while models stalls; before: " + before)
				.isLessThanOrEqualTo(median(before) * 3 + 100);
		}
		finally {
			models.answer(Behaviour.json(200, "{}"));
		}
		for (CompletableFuture<HttpResponse<String>> call : stalled) {
			assertThat(call.get().statusCode()).isEqualTo(200);
		}
	}

	@Test
	@Order(11)
	void platformHealthAndApiExplorer() throws Exception {
		HttpResponse<String> health = sendAnonymous("GET", "/api/v1/platform/health");
		assertThat(health.statusCode()).isEqualTo(200);
		for (String service : List.of("auth-service", "config-service", "catalog-service", "compute-service")) {
			assertThat(health.body())
				.containsPattern("\\{\"name\":\"" + service + "\",\"status\":\"UP\",\"latencyMs\":\\d+");
		}
		assertThat(health.body()).startsWith("{\"status\":\"UP\"");
		HttpResponse<String> explorer = sendAnonymous("GET", "/v3/api-docs/swagger-config");
		assertThat(explorer.body()).contains("/api/v1/platform/api-docs/catalog-service")
			.contains("/api/v1/platform/api-docs/auth-service");
		HttpResponse<String> catalogDocs = sendAnonymous("GET", "/api/v1/platform/api-docs/catalog-service");
		assertThat(catalogDocs.statusCode()).as(catalogDocs.body()).isEqualTo(200);
		assertThat(catalogDocs.body()).contains("/api/v1/datasets/{name}").contains("\"url\":\"" + gateway);
		HttpResponse<String> authDocs = sendAnonymous("GET", "/api/v1/platform/api-docs/auth-service");
		assertThat(authDocs.statusCode()).as(authDocs.body()).isEqualTo(200);
		assertThat(authDocs.body()).contains("/api/v1/auth/token");
		HttpResponse<String> ui = sendAnonymous("GET", "/swagger-ui/index.html");
		assertThat(ui.statusCode()).isEqualTo(200);
	}

	@Test
	@Order(20)
	void stoppedServicesAnswer503NamingTheService() throws Exception {
		platform.context("catalog-service").close();
		long start = System.nanoTime();
		HttpResponse<String> catalog = send("GET", "/api/v1/datasets", null, Map.of());
		assertProblem(catalog, 503, "UPSTREAM_UNAVAILABLE");
		assertThat(catalog.body()).contains("\"upstream\":{\"service\":\"catalog-service\"}");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		HttpResponse<String> health = sendAnonymous("GET", "/api/v1/platform/health");
		assertThat(health.body()).startsWith("{\"status\":\"DEGRADED\"")
			.containsPattern("\\{\"name\":\"catalog-service\",\"status\":\"DOWN\"");

		// auth-service stopped: a person's login through the gateway is a clear 503
		platform.context("auth-service").close();
		HttpResponse<String> login = login("admin", ADMIN_PASSWORD);
		assertProblem(login, 503, "UPSTREAM_UNAVAILABLE");
		assertThat(login.body()).contains("\"upstream\":{\"service\":\"auth-service\"}")
			.contains("auth-service cannot be reached");
		// tokens already issued still pass the edge (cached keys): config-service answers
		assertThat(send("GET", "/api/v1/config/namespaces", null, Map.of()).statusCode()).isEqualTo(200);
	}

	private static HttpResponse<String> login(String username, String password) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/auth/token"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("grant_type=password&username=" + username + "&password=" + password))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static List<Long> catalogLatencies(int count) throws Exception {
		List<Long> millis = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			long start = System.nanoTime();
			assertThat(send("GET", "/api/v1/datasets/gateway_orders", null, Map.of()).statusCode()).isEqualTo(200);
			millis.add((System.nanoTime() - start) / 1_000_000);
		}
		return millis;
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	/** Requests catalog-service has served on its API port so far. */
	private static long catalogRequests() {
		MeterRegistry registry = platform.context("catalog-service").getBean(MeterRegistry.class);
		return registry.find("http.server.requests")
			.timers()
			.stream()
			.filter((timer) -> !String.valueOf(timer.getId().getTag("uri")).startsWith("/actuator"))
			.mapToLong(Timer::count)
			.sum();
	}

	/**
	 * Sends one good request through the gateway and waits until catalog-service has
	 * counted exactly one request more than before: the refused ones never reached it.
	 */
	private static void assertCatalogSawOnlyOneMoreRequest(long before) throws Exception {
		assertThat(send("GET", "/api/v1/datasets", null, Map.of()).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5)).until(() -> catalogRequests() >= before + 1);
		assertThat(catalogRequests()).isEqualTo(before + 1);
	}

	private static HttpResponse<String> sendAnonymous(String method, String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path))
			.timeout(Duration.ofSeconds(10))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> send(String method, String path, String json, Map<String, String> headers)
			throws IOException, InterruptedException {
		return HTTP.send(request(method, path, json, headers).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder request(String method, String path, String json, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
			.timeout(Duration.ofSeconds(40))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (!headers.containsKey("Authorization")) {
			request.header("Authorization", "Bearer " + token);
		}
		headers.forEach(request::header);
		return request;
	}

	private static String raw(String request) throws IOException {
		URI uri = URI.create(gateway);
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), uri.getPort())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			in.transferTo(answer);
			return answer.toString(StandardCharsets.ISO_8859_1);
		}
	}

	private static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant()
			.hasStatus(status)
			.hasCode(code);
	}

	private static String contentType(HttpResponse<String> response) {
		return response.headers().firstValue("Content-Type").orElse(null);
	}

}
