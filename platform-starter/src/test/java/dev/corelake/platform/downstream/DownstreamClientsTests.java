package dev.corelake.platform.downstream;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.client.UpstreamProblemException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.corelake.platform.downstream.ProblemAssertions.assertThatProblemOf;
import static dev.corelake.platform.downstream.ProblemAssertions.thrownBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * {@link DownstreamClients} against a stub downstream: retries, circuit breaker,
 * bulkhead, timeouts and the contract's upstream problems, with the platform's
 * resilience4j defaults and per-instance overrides bound by resilience4j-spring-boot4.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = { "corelake.platform.downstream.services.stub.connect-timeout=300ms",
				"corelake.platform.downstream.services.stub.read-timeout=300ms",
				"corelake.platform.downstream.services.slow.read-timeout=5s",
				"corelake.platform.downstream.services.refused.connect-timeout=300ms",
				"resilience4j.circuitbreaker.instances.stub.minimum-number-of-calls=4",
				"resilience4j.circuitbreaker.instances.stub.sliding-window-size=4",
				"resilience4j.circuitbreaker.instances.stub.wait-duration-in-open-state=500ms",
				"resilience4j.retry.instances.stub.wait-duration=10ms",
				"resilience4j.retry.instances.refused.wait-duration=10ms",
				"resilience4j.bulkhead.instances.stub.max-concurrent-calls=1",
				"resilience4j.bulkhead.instances.stub.max-wait-duration=0",
				"resilience4j.bulkhead.instances.slow.max-concurrent-calls=1",
				"resilience4j.bulkhead.instances.slow.max-wait-duration=0",
				"management.otlp.metrics.export.enabled=false" })
class DownstreamClientsTests {

	private static StubServer stub;

	private static String refusingUrl;

	@Autowired
	private DownstreamClients clients;

	@Autowired
	private DownstreamResilience resilience;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@Autowired
	private RetryRegistry retries;

	@Autowired
	private BulkheadRegistry bulkheads;

	@BeforeAll
	static void startStub() {
		stub = StubServer.start();
		refusingUrl = StubServer.refusingUrl();
	}

	@AfterAll
	static void stopStub() {
		stub.close();
	}

	@DynamicPropertySource
	static void downstreamUrls(DynamicPropertyRegistry registry) {
		registry.add("corelake.platform.downstream.services.stub.url", () -> stub.url());
		registry.add("corelake.platform.downstream.services.slow.url", () -> stub.url());
		registry.add("corelake.platform.downstream.services.refused.url", () -> refusingUrl);
	}

	@BeforeEach
	void resetStubAndBreakers() {
		stub.reset();
		List.of("stub", "slow", "refused").forEach((name) -> this.resilience.circuitBreaker(name).reset());
	}

	@AfterEach
	void releaseBlockedAnswers() {
		stub.reset();
		MDC.clear();
	}

	@Test
	void platformPredicatesAndDefaultsApplyToConfiguredAndUnconfiguredInstances() {
		CorelakeException notFound = new CorelakeException(CommonErrorCode.NOT_FOUND, "No such thing.");
		CorelakeException timeout = new CorelakeException(CommonErrorCode.UPSTREAM_TIMEOUT, "Too slow.");
		CorelakeException circuitOpen = new CorelakeException(CommonErrorCode.UPSTREAM_CIRCUIT_OPEN, "Paused.");
		CorelakeException busy = new CorelakeException(CommonErrorCode.UPSTREAM_BUSY, "Busy.");
		for (String name : List.of("stub", "not-configured-anywhere")) {
			CircuitBreakerConfig breaker = this.circuitBreakers.circuitBreaker(name).getCircuitBreakerConfig();
			assertThat(breaker.getRecordExceptionPredicate().test(notFound)).as(name).isFalse();
			assertThat(breaker.getRecordExceptionPredicate().test(timeout)).as(name).isTrue();
			assertThat(breaker.getRecordExceptionPredicate().test(new java.io.IOException("reset"))).as(name).isTrue();
			assertThat(breaker.getFailureRateThreshold()).as(name).isEqualTo(50f);
			assertThat(breaker.getPermittedNumberOfCallsInHalfOpenState()).as(name).isEqualTo(3);
			assertThat(breaker.isAutomaticTransitionFromOpenToHalfOpenEnabled()).as(name).isTrue();
			RetryConfig retry = this.retries.retry(name).getRetryConfig();
			assertThat(retry.getMaxAttempts()).as(name).isEqualTo(3);
			assertThat(retry.getExceptionPredicate().test(timeout)).as(name).isFalse();
			assertThat(retry.getExceptionPredicate().test(notFound)).as(name).isFalse();
			assertThat(retry.getExceptionPredicate().test(circuitOpen)).as(name).isFalse();
			assertThat(retry.getExceptionPredicate().test(busy)).as(name).isFalse();
			assertThat(retry.getExceptionPredicate().test(new IllegalStateException("bug"))).as(name).isFalse();
		}
		CircuitBreakerConfig stubBreaker = this.circuitBreakers.circuitBreaker("stub").getCircuitBreakerConfig();
		assertThat(stubBreaker.getMinimumNumberOfCalls()).isEqualTo(4);
		assertThat(stubBreaker.getSlidingWindowSize()).isEqualTo(4);
		assertThat(stubBreaker.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(500L);
		assertThat(this.circuitBreakers.circuitBreaker("not-configured-anywhere")
			.getCircuitBreakerConfig()
			.getMinimumNumberOfCalls()).isEqualTo(10);
		RetryConfig stubRetry = this.retries.retry("stub").getRetryConfig();
		assertThat(stubRetry.getIntervalBiFunction().apply(1, null)).isEqualTo(10L);
		assertThat(stubRetry.getIntervalBiFunction().apply(2, null)).isEqualTo(20L);
		assertThat(this.bulkheads.bulkhead("stub").getBulkheadConfig().getMaxConcurrentCalls()).isEqualTo(1);
		assertThat(this.bulkheads.bulkhead("stub").getBulkheadConfig().getMaxWaitDuration()).isZero();
		assertThat(this.bulkheads.bulkhead("not-configured-anywhere").getBulkheadConfig().getMaxConcurrentCalls())
			.isEqualTo(32);
	}

	@Test
	void successfulGetReturnsTheBody() {
		stub.respondWith(StubServer.ok("{\"name\":\"sales\"}"));
		assertThat(get("stub")).isEqualTo("{\"name\":\"sales\"}");
		assertThat(stub.hits()).isEqualTo(1);
	}

	@Test
	void getAnsweredWithRetryableServerProblemIsRetriedUpToMaxAttemptsAndEndsAsTheUpstreamProblem() {
		stub.respondWith(StubServer.problem(500, "INTERNAL_ERROR", true));
		UpstreamProblemException ex = thrownBy(UpstreamProblemException.class, () -> get("stub"));
		assertThat(stub.hits()).isEqualTo(3);
		assertThat(ex.getStatusCode().value()).isEqualTo(500);
		assertThat(ex.getUpstreamCode()).isEqualTo("INTERNAL_ERROR");
		assertThat(ex.getUpstreamService()).isEqualTo("stub");
		assertThatProblemOf(ex).hasStatus(500).hasCode("INTERNAL_ERROR").hasUpstreamService("stub");
	}

	@Test
	void postAnsweredWithServerProblemIsNotRetried() {
		stub.respondWith(StubServer.problem(500, "INTERNAL_ERROR", true));
		UpstreamProblemException ex = thrownBy(UpstreamProblemException.class, () -> post("stub"));
		assertThat(stub.hits()).isEqualTo(1);
		assertThat(ex.getStatusCode().value()).isEqualTo(500);
		assertThat(ex.getUpstreamCode()).isEqualTo("INTERNAL_ERROR");
	}

	@Test
	void serviceUnavailableAnswerToPostIsSentOnceAndNotResentByTheHttpClient() {
		stub.respondWith(StubServer.problem(503, "UPSTREAM_UNAVAILABLE", true));
		long start = System.nanoTime();
		UpstreamProblemException ex = thrownBy(UpstreamProblemException.class, () -> post("stub"));
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(ex.getStatusCode().value()).isEqualTo(503);
		assertThat(stub.hits()).isEqualTo(1);
		assertThat(took).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void getAnsweredWithServerProblemMarkedNotRetryableIsNotRetried() {
		stub.respondWith(StubServer.problem(500, "INTERNAL_ERROR", false));
		UpstreamProblemException ex = thrownBy(UpstreamProblemException.class, () -> get("stub"));
		assertThat(stub.hits()).isEqualTo(1);
		assertThatProblemOf(ex).hasStatus(500).hasCode("INTERNAL_ERROR").hasRetryable(false);
	}

	@Test
	void serverErrorWithoutProblemBodyIsBadResponseAndRetriedForGet() {
		stub.respondWith((exchange) -> {
			byte[] html = "<html><body>Oops</body></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html");
			exchange.sendResponseHeaders(500, html.length);
			exchange.getResponseBody().write(html);
		});
		CorelakeException ex = thrownBy(CorelakeException.class, () -> get("stub"));
		assertThat(ex.getErrorCode()).isEqualTo(CommonErrorCode.UPSTREAM_BAD_RESPONSE);
		assertThat(stub.hits()).isEqualTo(3);
		assertThatProblemOf(ex).hasStatus(502).hasCode("UPSTREAM_BAD_RESPONSE").hasUpstreamService("stub");
	}

	@Test
	void notFoundProblemIsRaisedWithTheUpstreamCodeAndDoesNotCountAgainstTheBreaker() {
		stub.respondWith(StubServer.problem(404, "DATASET_NOT_FOUND", false));
		for (int i = 0; i < 10; i++) {
			UpstreamProblemException ex = thrownBy(UpstreamProblemException.class, () -> get("stub"));
			assertThat(ex.getStatusCode().value()).isEqualTo(404);
			assertThat(ex.getUpstreamCode()).isEqualTo("DATASET_NOT_FOUND");
			assertThat(ex.getUpstreamService()).isEqualTo("stub");
		}
		assertThat(stub.hits()).isEqualTo(10);
		CircuitBreaker breaker = this.resilience.circuitBreaker("stub");
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void breakerOpensAfterFailuresAnswersCircuitOpenWithoutCallingAndClosesOnceTheServiceRecovers() {
		CircuitBreaker breaker = this.resilience.circuitBreaker("stub");
		stub.respondWith(StubServer.problem(503, "UPSTREAM_UNAVAILABLE", true));
		for (int i = 0; i < 4; i++) {
			UpstreamProblemException ex = thrownBy(UpstreamProblemException.class, () -> post("stub"));
			assertThat(ex.getStatusCode().value()).isEqualTo(503);
		}
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		int hitsWhenOpened = stub.hits();
		assertThat(hitsWhenOpened).isEqualTo(4);

		CorelakeException open = thrownBy(CorelakeException.class, () -> get("stub"));
		assertThat(open.getErrorCode()).isEqualTo(CommonErrorCode.UPSTREAM_CIRCUIT_OPEN);
		assertThat(open.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThatProblemOf(open).hasStatus(503)
			.hasCode("UPSTREAM_CIRCUIT_OPEN")
			.hasUpstreamService("stub")
			.hasRetryable(true);
		CorelakeException openForPost = thrownBy(CorelakeException.class, () -> post("stub"));
		assertThat(openForPost.getErrorCode()).isEqualTo(CommonErrorCode.UPSTREAM_CIRCUIT_OPEN);
		assertThat(stub.hits()).isEqualTo(hitsWhenOpened);

		stub.respondWith(StubServer.ok("{\"healthy\":true}"));
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.ignoreExceptions()
			.untilAsserted(() -> {
				assertThat(get("stub")).isEqualTo("{\"healthy\":true}");
				assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
			});
		assertThat(stub.hits()).isGreaterThan(hitsWhenOpened);
	}

	@Test
	void readTimeoutIsUpstreamTimeoutAndReturnsPromptlyWithoutRetry() {
		stub.respondWith(stub.blocking());
		long start = System.nanoTime();
		CorelakeException ex = thrownBy(CorelakeException.class, () -> get("stub"));
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(ex.getErrorCode()).isEqualTo(CommonErrorCode.UPSTREAM_TIMEOUT);
		assertThatProblemOf(ex).hasStatus(504).hasCode("UPSTREAM_TIMEOUT").hasUpstreamService("stub");
		assertThat(took).isLessThan(Duration.ofSeconds(2));
		assertThat(stub.hits()).isEqualTo(1);
	}

	@Test
	void secondConcurrentCallFailsFastWithUpstreamBusyWhileTheBulkheadIsFull() throws Exception {
		stub.respondWith(stub.blocking());
		CompletableFuture<String> stuck = CompletableFuture.supplyAsync(() -> get("slow"));
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> stub.hits() == 1);
			assertThat(this.bulkheads.bulkhead("slow").getMetrics().getAvailableConcurrentCalls()).isZero();

			long start = System.nanoTime();
			CorelakeException ex = thrownBy(CorelakeException.class, () -> get("slow"));
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(ex.getErrorCode()).isEqualTo(CommonErrorCode.UPSTREAM_BUSY);
			assertThatProblemOf(ex).hasStatus(503).hasCode("UPSTREAM_BUSY").hasUpstreamService("slow");
			assertThat(took).isLessThan(Duration.ofSeconds(1));
			assertThat(stub.hits()).isEqualTo(1);
		}
		finally {
			stub.reset();
		}
		assertThat(stuck.get(5, TimeUnit.SECONDS)).isEqualTo("{}");
	}

	@Test
	void connectionRefusedIsUpstreamUnavailable() {
		CorelakeException ex = thrownBy(CorelakeException.class, () -> get("refused"));
		assertThat(ex.getErrorCode()).isEqualTo(CommonErrorCode.UPSTREAM_UNAVAILABLE);
		assertThatProblemOf(ex).hasStatus(503)
			.hasCode("UPSTREAM_UNAVAILABLE")
			.hasUpstreamService("refused")
			.hasRetryable(true);
	}

	@Test
	void requestIdFromLoggingContextIsForwarded() {
		MDC.put("requestId", "abc-123");
		get("stub");
		assertThat(stub.lastRequestId()).isEqualTo("abc-123");
	}

	@Test
	void noRequestIdIsSentWithoutOneInTheLoggingContext() {
		get("stub");
		assertThat(stub.lastRequestId()).isNull();
	}

	@Test
	void requestIdSetExplicitlyByTheCallerIsKept() {
		MDC.put("requestId", "abc-123");
		this.clients.forService("stub")
			.get()
			.uri("/items")
			.header("X-Request-Id", "explicit-1")
			.retrieve()
			.body(String.class);
		assertThat(stub.lastRequestId()).isEqualTo("explicit-1");
	}

	@Test
	void sameClientIsReturnedForAServiceAndUnknownServicesAreRejected() {
		assertThat(this.clients.forService("stub")).isSameAs(this.clients.forService("stub"));
		assertThatIllegalStateException().isThrownBy(() -> this.clients.forService("unknown"))
			.withMessageContaining("corelake.platform.downstream.services.unknown.url");
	}

	private String get(String service) {
		return this.clients.forService(service).get().uri("/items").retrieve().body(String.class);
	}

	private void post(String service) {
		this.clients.forService(service).post().uri("/items").body("{}").retrieve().toBodilessEntity();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
