package dev.corelake.gateway;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.corelake.gateway.test.StubUpstream;
import dev.corelake.gateway.test.StubUpstream.Behaviour;
import dev.corelake.platform.security.test.TestJwtIssuer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.corelake.errors.test.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway over real HTTP in front of stand-in upstreams ({@link StubUpstream}: one
 * that misbehaves on demand, one that always answers, and an address that refuses
 * connections), with tokens from a real JWKS ({@link TestJwtIssuer}).
 *
 * @author Corelake
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "corelake.platform.security.revocation-poll-interval=200ms",
				"corelake.gateway.services.stub-service.paths=/api/v1/stubs/**",
				"corelake.gateway.services.stub-service.response-timeout=500ms",
				"corelake.gateway.services.other-service.paths=/api/v1/others/**",
				"corelake.gateway.services.other-service.rate-limit=tight",
				"corelake.gateway.services.gone-service.paths=/api/v1/gone/**",
				"corelake.gateway.rate-limits.groups.tight.capacity=3",
				"corelake.gateway.rate-limits.groups.tight.period=2s",
				"corelake.platform.security.public-paths=/api/v1/platform/**,/v3/api-docs,/v3/api-docs/**,"
						+ "/swagger-ui.html,/swagger-ui/**,/api/v1/others/public/**",
				"resilience4j.circuitbreaker.instances.stub-service.sliding-window-size=4",
				"resilience4j.circuitbreaker.instances.stub-service.minimum-number-of-calls=4",
				"resilience4j.circuitbreaker.instances.stub-service.wait-duration-in-open-state=1s",
				"resilience4j.circuitbreaker.instances.stub-service.permitted-number-of-calls-in-half-open-state=1",
				"corelake.gateway.services.slow-service.paths=/api/v1/slow/**",
				"corelake.gateway.services.slow-service.response-timeout=30s",
				"resilience4j.bulkhead.instances.slow-service.max-concurrent-calls=2",
				"corelake.gateway.cors.allowed-origins=https://console.example.com" })
class GatewayTests {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static TestJwtIssuer issuer;

	private static StubUpstream stub;

	private static StubUpstream other;

	private static StubUpstream slow;

	private static String gone;

	@LocalServerPort
	private int port;

	@Autowired
	private CircuitBreakerRegistry breakers;

	@BeforeAll
	static void startUpstreams() {
		issuer = TestJwtIssuer.start();
		stub = StubUpstream.start();
		other = StubUpstream.start();
		slow = StubUpstream.start();
		gone = StubUpstream.refusingUrl();
	}

	@AfterAll
	static void stopUpstreams() {
		stub.close();
		other.close();
		slow.close();
		issuer.close();
	}

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		registry.add("corelake.platform.security.auth-url", () -> issuer.authUrl().toString());
		registry.add("corelake.gateway.services.stub-service.url", stub::url);
		registry.add("corelake.gateway.services.stub-service.health-url", () -> stub.url() + "/health");
		registry.add("corelake.gateway.services.other-service.url", other::url);
		registry.add("corelake.gateway.services.other-service.health-url", () -> other.url() + "/health");
		registry.add("corelake.gateway.services.slow-service.url", slow::url);
		registry.add("corelake.gateway.services.gone-service.url", () -> gone);
		registry.add("corelake.gateway.services.gone-service.health-url", () -> gone + "/health");
	}

	@BeforeEach
	void reset() {
		stub.answer(Behaviour.json(200, "{\"stub\":true}"));
		this.breakers.circuitBreaker("stub-service").reset();
	}

	@Test
	void requestWhenRoutedThenForwardedWithTheGatewaysOwnForwardingHeaders() throws Exception {
		String response = rawRequest("GET /api/v1/stubs/things?size=2&q=a%20b HTTP/1.1\r\nHost: localhost:" + this.port
				+ "\r\nAuthorization: Bearer " + issuer.token("alice", "DATA_ENGINEER")
				+ "\r\nX-Request-Id: req-123\r\nX-Forwarded-For: 6.6.6.6\r\nForwarded: for=6.6.6.6\r\n"
				+ "X-Forwarded-Host: evil.example\r\nX-Forwarded-Port: 1\r\nX-Real-IP: 6.6.6.6\r\nX-Secret: s3cret\r\n"
				+ "Keep-Alive: timeout=5\r\nTE: trailers\r\nTrailer: X-Sum\r\nProxy-Authorization: Basic eDp5\r\n"
				+ "X-Custom: one\r\nX-Custom: two\r\nConnection: close, X-Secret\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 200").endsWith("{\"stub\":true}");
		assertThat(response.split("X-Request-Id: req-123", -1)).hasSize(2);
		assertThat(stub.lastPath()).isEqualTo("/api/v1/stubs/things?size=2&q=a%20b");
		assertThat(stub.lastHeader("X-Request-Id")).containsExactly("req-123");
		assertThat(stub.lastHeader("X-Forwarded-For")).containsExactly("127.0.0.1");
		assertThat(stub.lastHeader("X-Forwarded-Host")).containsExactly("localhost:" + this.port);
		assertThat(stub.lastHeader("Forwarded")).isEmpty();
		assertThat(stub.lastHeader("X-Real-IP")).isEmpty();
		assertThat(stub.lastHeader("X-Secret")).isEmpty();
		assertThat(stub.lastHeader("X-Forwarded-Port")).isEmpty();
		for (String hopByHop : List.of("Keep-Alive", "TE", "Trailer", "Proxy-Authorization")) {
			assertThat(stub.lastHeader(hopByHop)).as(hopByHop).isEmpty();
		}
		assertThat(stub.lastHeader("X-Custom")).containsExactly("one", "two");
		assertThat(stub.lastHeader("Authorization")).singleElement().asString().startsWith("Bearer ");
	}

	@Test
	void requestWithTraceContextThenTheServiceGetsTheSameTraceWithTheGatewaysSpan() throws Exception {
		String trace = "0af7651916cd43dd8448eb211c80319c";
		send("GET", "/api/v1/stubs/things", "alice", null,
				Map.of("traceparent", "00-" + trace + "-b7ad6b7169203331-01"));
		assertThat(stub.lastHeader("traceparent")).singleElement()
			.asString()
			.matches("00-" + trace + "-[0-9a-f]{16}-01")
			.doesNotContain("b7ad6b7169203331");
	}

	@Test
	void requestWithoutTraceContextThenGatewayStartsATraceAndForwardsIt() throws Exception {
		send("GET", "/api/v1/stubs/things", "alice", null, Map.of());
		assertThat(stub.lastHeader("traceparent")).singleElement()
			.asString()
			.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]");
	}

	@Test
	void eventStreamWhenTheServiceHoldsTheRestThenTheClientHasTheFirstEventsAlready() throws Exception {
		stub.answer(Behaviour.events("data: first\n\n", "data: second\n\n", Duration.ofSeconds(20)));
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/stubs/feed"))
			.header("Authorization", "Bearer " + issuer.token("alice", "DATA_ENGINEER"))
			.timeout(Duration.ofSeconds(30))
			.build();
		HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		try (BufferedReader events = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> readLine(events));
			// streaming types are flushed as they come: the first event arrives while the
			// service still holds the rest
			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("data: first");
			assertThat(stub.stalled()).isEqualTo(1);
			stub.releaseStalled();
			assertThat(events.readLine()).isEmpty();
			assertThat(events.readLine()).isEqualTo("data: second");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "POST", "PUT", "PATCH", "DELETE" })
	void formBodyWhenProxiedThenTheServiceGetsItUnread(String method) throws Exception {
		String form = "name=orders&note=caf%C3%A9+%26+more&tag=a&tag=b";
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/stubs/things?tag=c"))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + issuer.token("alice", "DATA_ENGINEER"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.method(method, HttpRequest.BodyPublishers.ofString(form))
			.build();
		HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		if (method.equals("POST")) {
			// the servlet container parses a form POST itself; Spring Cloud Gateway sends
			// the same fields again, in the same order per field
			assertThat(formFields(stub.lastBody())).isEqualTo(formFields(form));
		}
		else {
			assertThat(stub.lastBody()).isEqualTo(form);
		}
		assertThat(stub.lastPath()).isEqualTo("/api/v1/stubs/things?tag=c");
		// the edge reads forms as UTF-8 (as every service does) and says so
		assertThat(stub.lastHeader("Content-Type")).singleElement()
			.asString()
			.startsWith("application/x-www-form-urlencoded");
	}

	@Test
	void getWhenProxiedThenTheServiceGetsNoBody() throws Exception {
		HttpResponse<String> response = send("GET", "/api/v1/stubs/things", "alice", null, Map.of());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(stub.lastHeader("Transfer-Encoding")).isEmpty();
		assertThat(stub.lastHeader("Content-Length")).isEmpty();
		assertThat(stub.lastBody()).isEmpty();
	}

	@Test
	void bodyWithALengthWhenProxiedThenTheServiceGetsItWithThatLength() throws Exception {
		String json = "{\"name\":\"orders\",\"note\":\"café\"}";
		HttpResponse<String> response = send("POST", "/api/v1/stubs/things", "alice", json, Map.of());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(stub.lastBody()).isEqualTo(json);
		assertThat(stub.lastHeader("Content-Length"))
			.containsExactly(Integer.toString(json.getBytes(StandardCharsets.UTF_8).length));
		assertThat(stub.lastHeader("Transfer-Encoding")).isEmpty();
	}

	@Test
	void chunkedUploadWhenProxiedThenTheServiceGetsTheWholeBody() throws Exception {
		String response = rawRequest("PUT /api/v1/stubs/things HTTP/1.1\r\nHost: localhost:" + this.port
				+ "\r\nAuthorization: Bearer " + issuer.token("alice", "DATA_ENGINEER")
				+ "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
				+ "6\r\n{\"a\":1\r\n5\r\n,\"b\":\r\n2\r\n2}\r\n0\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 200");
		assertThat(stub.lastBody()).isEqualTo("{\"a\":1,\"b\":2}");
		assertThat(stub.lastHeader("Content-Length")).isEmpty();
	}

	@Test
	void largeAnswerWhenProxiedThenTheClientGetsItWhole() throws Exception {
		StringBuilder json = new StringBuilder("[");
		for (int i = 0; i < 40_000; i++) {
			json.append((i > 0) ? "," : "")
				.append("{\"row\":")
				.append(i)
				.append(",\"name\":\"näme-")
				.append(i)
				.append("\"}");
		}
		String body = json.append(']').toString();
		stub.answer(Behaviour.json(200, body));
		HttpResponse<String> response = send("GET", "/api/v1/stubs/big", "alice", null, Map.of());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(body.length()).isGreaterThan(1_000_000);
		assertThat(response.body()).isEqualTo(body);
	}

	private static Map<String, List<String>> formFields(String form) {
		Map<String, List<String>> fields = new java.util.HashMap<>();
		for (String pair : form.split("&")) {
			String[] parts = pair.split("=", 2);
			fields.computeIfAbsent(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), (name) -> new ArrayList<>())
				.add(URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
		}
		return fields;
	}

	private static String readLine(BufferedReader reader) {
		try {
			return reader.readLine();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void requestWithoutIdThenGatewayMakesOneAndForwardsIt() throws Exception {
		HttpResponse<String> response = send("GET", "/api/v1/stubs/things", "alice", null, Map.of());
		String id = response.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(stub.lastHeader("X-Request-Id")).containsExactly(id);
	}

	@Test
	void pathWithoutRouteThenNotFoundProblem() throws Exception {
		HttpResponse<String> response = send("GET", "/api/v1/nothing-here", "alice", null, Map.of());
		assertProblem(response, 404, "NOT_FOUND");
		assertProblem(send("GET", "/actuator/health", "alice", null, Map.of()), 404, "NOT_FOUND");
	}

	@Test
	void requestWithoutTokenThenStoppedAtTheEdge() throws Exception {
		int hits = stub.hits();
		assertProblem(send("GET", "/api/v1/stubs/things", null, null, Map.of()), 401, "AUTHENTICATION_REQUIRED");
		assertThat(stub.hits()).isEqualTo(hits);
	}

	@ParameterizedTest
	@ValueSource(strings = { "garbage", "unknown-key", "unsigned", "expired" })
	void requestWithBadTokenThenStoppedAtTheEdge(String kind) throws Exception {
		String token = switch (kind) {
			case "garbage" -> "not.a.token";
			case "unknown-key" -> issuer.tokenFromUnknownKey("mallory");
			case "unsigned" -> {
				String good = issuer.token("mallory", "ADMIN");
				yield "eyJhbGciOiJub25lIn0." + good.split("\\.")[1] + ".";
			}
			default -> issuer.token("mallory",
					(claims) -> claims.expirationTime(java.util.Date.from(java.time.Instant.now().minusSeconds(3600))),
					(header) -> {
					});
		};
		int hits = stub.hits();
		HttpResponse<String> response = sendRaw("GET", "/api/v1/stubs/things", null,
				Map.of("Authorization", "Bearer " + token));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant();
		assertThat(stub.hits()).isEqualTo(hits);
	}

	@Test
	void upstreamProblemThenPassedThroughUnchanged() throws Exception {
		stub.answer(Behaviour.problem(409, "STUB_CONFLICT"));
		HttpResponse<String> response = send("POST", "/api/v1/stubs/things", "alice", "{}", Map.of());
		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(response.body()).isEqualTo(Behaviour.problem(409, "STUB_CONFLICT").body());
		assertThat(contentType(response)).startsWith("application/problem+json");
	}

	@Test
	void upstreamErrorPageThenBadGatewayProblem() throws Exception {
		stub.answer(Behaviour.html(500));
		HttpResponse<String> response = send("GET", "/api/v1/stubs/things", "alice", null, Map.of());
		assertProblem(response, 502, "UPSTREAM_BAD_RESPONSE");
		assertThat(response.body()).contains("\"service\":\"stub-service\"").doesNotContain("Oops");
	}

	@Test
	void connectionDroppedThenGetRetriedWithBackoffButPostNot() throws Exception {
		stub.answer(Behaviour.drop());
		int hits = stub.hits();
		long start = System.nanoTime();
		assertProblem(send("GET", "/api/v1/stubs/things", "alice", null, Map.of()), 502, "UPSTREAM_BAD_RESPONSE");
		assertThat(stub.hits()).isEqualTo(hits + 3);
		// two waits: 50 ms, then 100 ms
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
		assertProblem(send("POST", "/api/v1/stubs/things", "alice", "{}", Map.of()), 502, "UPSTREAM_BAD_RESPONSE");
		assertThat(stub.hits()).isEqualTo(hits + 4);
	}

	@Test
	void chunkedBodyGrowingPastTheLimitThenProblem413() throws Exception {
		byte[] big = new byte[2 * 1024 * 1024];
		java.util.Arrays.fill(big, (byte) 'x');
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/stubs/upload"))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + issuer.token("alice", "DATA_ENGINEER"))
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
			.build();
		HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
		assertThat(this.breakers.circuitBreaker("stub-service").getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void upstreamDownThenUnavailableAtOnce() throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> response = send("GET", "/api/v1/gone/things", "alice", null, Map.of());
		assertProblem(response, 503, "UPSTREAM_UNAVAILABLE");
		assertThat(response.body()).contains("gone-service");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void upstreamStallingThenTimeoutAtTheRoutesTimeoutWithoutRetry() throws Exception {
		stub.answer(Behaviour.stall(Duration.ofSeconds(5)));
		int hits = stub.hits();
		long start = System.nanoTime();
		HttpResponse<String> response = send("GET", "/api/v1/stubs/slow", "alice", null, Map.of());
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertProblem(response, 504, "UPSTREAM_TIMEOUT");
		assertThat(took).isBetween(Duration.ofMillis(450), Duration.ofMillis(3000));
		assertThat(stub.hits()).isEqualTo(hits + 1);
	}

	@Test
	void breakerWhenUpstreamFailsThenOpensStopsCallingHalfOpensAndCloses() throws Exception {
		stub.answer(Behaviour.html(500));
		for (int i = 0; i < 4; i++) {
			assertProblem(send("GET", "/api/v1/stubs/things", "alice", null, Map.of()), 502, "UPSTREAM_BAD_RESPONSE");
		}
		CircuitBreaker breaker = this.breakers.circuitBreaker("stub-service");
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		int hits = stub.hits();
		HttpResponse<String> open = send("GET", "/api/v1/stubs/things", "alice", null, Map.of());
		assertProblem(open, 503, "UPSTREAM_CIRCUIT_OPEN");
		assertThat(open.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 1));
		assertThat(stub.hits()).isEqualTo(hits);
		stub.answer(Behaviour.json(200, "{\"stub\":true}"));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> send("GET", "/api/v1/stubs/things", "alice", null, Map.of()).statusCode() == 200);
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void bulkheadWhenUpstreamStallsThenExcessRefusedAndOtherRoutesUnaffected() throws Exception {
		slow.answer(Behaviour.stall(Duration.ofSeconds(20)));
		List<CompletableFuture<HttpResponse<String>>> stalled = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			stalled.add(sendAsync("/api/v1/slow/things"));
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> slow.stalled() == 2);
		try {
			long start = System.nanoTime();
			assertProblem(send("GET", "/api/v1/slow/things", "alice", null, Map.of()), 503, "UPSTREAM_BUSY");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			for (int i = 0; i < 5; i++) {
				start = System.nanoTime();
				HttpResponse<String> elsewhere = send("GET", "/api/v1/stubs/things", "bulkhead-user", null, Map.of());
				assertThat(elsewhere.statusCode()).isEqualTo(200);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			}
			assertThat(slow.stalled()).isEqualTo(2);
		}
		finally {
			slow.answer(Behaviour.json(200, "{}"));
		}
		for (CompletableFuture<HttpResponse<String>> call : stalled) {
			assertThat(call.get().statusCode()).isEqualTo(200);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/stubs/../../actuator/health", "/api/v1/stubs/%2e%2e/%2e%2e/actuator",
			"/api/v1/stubs/..%2f..%2factuator", "/api/v1/stubs/a%5c..%5cb", "/api/v1/stubs/a\\..\\b",
			"/api/v1/stubs;jsessionid=1/x", "/api/v1/stubs/x%00", "/api/v1/stubs/%252e%252e/x", "/api/v1/stubs//x",
			"/api/v1/stubs/./x", "/api/v1/stubs/x%0d%0aSet-Cookie:a", "/api/v1/stubs/%zz" })
	void ambiguousPathThenRejectedBeforeRouting(String path) throws Exception {
		int hits = stub.hits();
		String answer = rawRequest("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
				+ issuer.token("alice", "DATA_ENGINEER") + "\r\nConnection: close\r\n\r\n");
		assertThat(answer).startsWith("HTTP/1.1 400");
		assertThat(answer).containsAnyOf("PATH_REJECTED", "Bad Request");
		assertThat(stub.hits()).isEqualTo(hits);
	}

	@Test
	void headersTooLargeThenProblem431() throws Exception {
		HttpResponse<String> response = send("GET", "/api/v1/stubs/things", "alice", null,
				Map.of("X-Padding", "p".repeat(13 * 1024)));
		assertProblem(response, 431, "HEADERS_TOO_LARGE");
	}

	@Test
	void bodyTooLargeThenProblem413BeforeTheUpstream() throws Exception {
		int hits = stub.hits();
		HttpResponse<String> response = send("POST", "/api/v1/stubs/things", "alice",
				"\"" + "x".repeat(1024 * 1024) + "\"", Map.of());
		assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
		assertThat(stub.hits()).isEqualTo(hits);
	}

	@Test
	void corsPreflightFromAllowedOriginThenAnswered() throws Exception {
		HttpResponse<String> response = sendRaw("OPTIONS", "/api/v1/stubs/things", null,
				Map.of("Origin", "https://console.example.com", "Access-Control-Request-Method", "PATCH",
						"Access-Control-Request-Headers", "authorization,if-match"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
			.contains("https://console.example.com");
		assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
		assertThat(response.headers().firstValue("Access-Control-Max-Age")).contains("1800");
	}

	@Test
	void corsFromOtherOriginThenRefusedWithoutCorsHeaders() throws Exception {
		int hits = stub.hits();
		HttpResponse<String> preflight = sendRaw("OPTIONS", "/api/v1/stubs/things", null,
				Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "GET"));
		assertProblem(preflight, 403, "CORS_REJECTED");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		HttpResponse<String> actual = send("GET", "/api/v1/stubs/things", "alice", null,
				Map.of("Origin", "https://evil.example"));
		assertProblem(actual, 403, "CORS_REJECTED");
		assertThat(actual.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(stub.hits()).isEqualTo(hits);
	}

	@Test
	void corsRequestFromAllowedOriginThenServedWithCorsHeaders() throws Exception {
		HttpResponse<String> response = send("GET", "/api/v1/stubs/things", "alice", null,
				Map.of("Origin", "https://console.example.com"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
			.contains("https://console.example.com");
		assertThat(response.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("X-Request-Id");
	}

	@Test
	void rateLimitWhenExceededThen429WithHeadersAndResetAfterThePeriod() throws Exception {
		for (int remaining = 2; remaining >= 0; remaining--) {
			HttpResponse<String> response = send("GET", "/api/v1/others/things", "limited-user", null, Map.of());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("RateLimit-Limit")).contains("3");
			assertThat(response.headers().firstValue("RateLimit-Remaining")).contains(Integer.toString(remaining));
		}
		HttpResponse<String> refused = send("GET", "/api/v1/others/things", "limited-user", null, Map.of());
		assertProblem(refused, 429, "RATE_LIMITED");
		assertThat(refused.headers().firstValue("Retry-After").map(Integer::parseInt))
			.hasValueSatisfying((seconds) -> assertThat(seconds).isBetween(1, 2));
		assertThat(refused.headers().firstValue("RateLimit-Remaining")).contains("0");
		assertThat(refused.headers().firstValue("RateLimit-Policy")).contains("3;w=2");
		// another client is not affected
		assertThat(send("GET", "/api/v1/others/things", "another-user", null, Map.of()).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			HttpResponse<String> again = send("GET", "/api/v1/others/things", "limited-user", null, Map.of());
			assertThat(again.statusCode()).isEqualTo(200);
			assertThat(again.headers().firstValue("RateLimit-Remaining")).contains("2");
		});
	}

	@Test
	void rateLimitWhenAnonymousThenKeyedByConnectionNotBySpoofedForwardedFor() throws Exception {
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> response = sendRaw("GET", "/api/v1/others/public/x", null,
					Map.of("X-Forwarded-For", "10.0.0." + i));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(other.lastHeader("X-Forwarded-For")).containsExactly("127.0.0.1");
		}
		HttpResponse<String> refused = sendRaw("GET", "/api/v1/others/public/x", null,
				Map.of("X-Forwarded-For", "10.9.9.9", "X-Real-IP", "10.9.9.8"));
		assertProblem(refused, 429, "RATE_LIMITED");
	}

	@Test
	void platformHealthThenEveryServiceWithLatencyAndOverallStatus() throws Exception {
		HttpResponse<String> response = sendRaw("GET", "/api/v1/platform/health", null, Map.of());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"DEGRADED\"")
			.containsPattern("\\{\"name\":\"other-service\",\"status\":\"UP\",\"latencyMs\":\\d+")
			.containsPattern("\\{\"name\":\"gone-service\",\"status\":\"DOWN\",\"latencyMs\":\\d+,"
					+ "\"detail\":\"gone-service cannot be reached.\"");
	}

	@Test
	void apiDocsOfAServiceThenServedThroughTheGatewayWithTheGatewayAsServer() throws Exception {
		HttpResponse<String> response = sendRaw("GET", "/api/v1/platform/api-docs/other-service", null, Map.of());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"servers\":[{").contains("\"url\":\"http://localhost:" + this.port);
		assertThat(other.lastPath()).isEqualTo("/v3/api-docs");
		assertProblem(sendRaw("GET", "/api/v1/platform/api-docs/nobody", null, Map.of()), 404, "NOT_FOUND");
		assertProblem(sendRaw("GET", "/api/v1/platform/api-docs/gone-service", null, Map.of()), 503,
				"UPSTREAM_UNAVAILABLE");
		HttpResponse<String> explorer = sendRaw("GET", "/v3/api-docs/swagger-config", null, Map.of());
		assertThat(explorer.statusCode()).isEqualTo(200);
		assertThat(explorer.body()).contains("/api/v1/platform/api-docs/other-service").contains("gateway-service");
		HttpResponse<String> own = sendRaw("GET", "/v3/api-docs", null, Map.of());
		assertThat(own.body()).contains("/api/v1/platform/health");
	}

	private CompletableFuture<HttpResponse<String>> sendAsync(String path) {
		return HTTP.sendAsync(request("GET", path, "alice", null, Map.of()).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(String method, String path, String subject, String json,
			Map<String, String> headers) throws IOException, InterruptedException {
		return HTTP.send(request(method, path, subject, json, headers).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> sendRaw(String method, String path, String json, Map<String, String> headers)
			throws IOException, InterruptedException {
		return send(method, path, null, json, headers);
	}

	private HttpRequest.Builder request(String method, String path, String subject, String json,
			Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (subject != null) {
			request.header("Authorization", "Bearer " + issuer.token(subject, "DATA_ENGINEER"));
		}
		headers.forEach((name, value) -> {
			if (!name.equalsIgnoreCase("Connection")) {
				request.header(name, value);
			}
		});
		return request;
	}

	private String rawRequest(String request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
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
