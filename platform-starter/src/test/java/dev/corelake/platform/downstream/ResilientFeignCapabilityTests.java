package dev.corelake.platform.downstream;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.client.UpstreamFeignCapability;
import dev.corelake.errors.client.UpstreamProblemException;
import feign.Feign;
import feign.Request;
import feign.RequestLine;
import feign.Retryer;
import feign.Target;
import feign.hc5.ApacheHttp5Client;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static dev.corelake.platform.downstream.ProblemAssertions.assertThatProblemOf;
import static dev.corelake.platform.downstream.ProblemAssertions.thrownBy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ResilientFeignCapability} on a plain Feign client, with resilience4j registries
 * built from the platform's predicates.
 */
class ResilientFeignCapabilityTests {

	private static StubServer stub;

	private static String refusingUrl;

	private static CloseableHttpClient httpClient;

	private DownstreamResilience resilience;

	@BeforeAll
	static void startStub() {
		stub = StubServer.start();
		refusingUrl = StubServer.refusingUrl();
		// configured as the platform configures Spring Cloud OpenFeign's client
		httpClient = HttpClients.custom().disableAutomaticRetries().build();
	}

	@AfterAll
	static void stopStub() throws IOException {
		httpClient.close();
		stub.close();
	}

	@BeforeEach
	void freshRegistries() {
		stub.reset();
		CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(4)
			.minimumNumberOfCalls(4)
			.failureRateThreshold(50)
			.waitDurationInOpenState(Duration.ofSeconds(30))
			.recordException(new UpstreamFailurePredicate())
			.build();
		RetryConfig retry = RetryConfig.custom()
			.maxAttempts(3)
			.waitDuration(Duration.ofMillis(10))
			.retryOnException(new RetryablePredicate())
			.build();
		BulkheadConfig bulkhead = BulkheadConfig.custom().maxConcurrentCalls(4).maxWaitDuration(Duration.ZERO).build();
		this.resilience = new DownstreamResilience(CircuitBreakerRegistry.of(breaker), RetryRegistry.of(retry),
				BulkheadRegistry.of(bulkhead));
	}

	@Test
	void successfulGetReturnsTheBody() {
		stub.respondWith(StubServer.ok("{\"name\":\"sales\"}"));
		assertThat(client(stub.url()).get()).isEqualTo("{\"name\":\"sales\"}");
		assertThat(stub.hits()).isEqualTo(1);
	}

	@Test
	void getAnsweredWithServerProblemIsRetriedAndEachAttemptCountsAsBreakerFailure() {
		stub.respondWith(StubServer.problem(500, "INTERNAL_ERROR", true));
		UpstreamProblemException ex = thrownBy(UpstreamProblemException.class, () -> client(stub.url()).get());
		assertThat(stub.hits()).isEqualTo(3);
		assertThat(ex.getStatusCode().value()).isEqualTo(500);
		assertThat(ex.getUpstreamCode()).isEqualTo("INTERNAL_ERROR");
		assertThat(ex.getUpstreamService()).isEqualTo("stub");
		assertThat(this.resilience.circuitBreaker("stub").getMetrics().getNumberOfFailedCalls()).isEqualTo(3);
	}

	@Test
	void postAnsweredWithServerProblemIsNotRetried() {
		stub.respondWith(StubServer.problem(500, "INTERNAL_ERROR", true));
		UpstreamProblemException ex = thrownBy(UpstreamProblemException.class, () -> client(stub.url()).create("{}"));
		assertThat(stub.hits()).isEqualTo(1);
		assertThat(ex.getStatusCode().value()).isEqualTo(500);
		assertThat(this.resilience.circuitBreaker("stub").getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
	}

	@Test
	void serverProblemsOpenTheBreakerAndThenCallsAreRefusedWithoutReachingTheService() {
		stub.respondWith(StubServer.problem(503, "UPSTREAM_UNAVAILABLE", true));
		Api api = client(stub.url());
		for (int i = 0; i < 4; i++) {
			thrownBy(UpstreamProblemException.class, () -> api.create("{}"));
		}
		assertThat(this.resilience.circuitBreaker("stub").getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(stub.hits()).isEqualTo(4);

		CorelakeException open = thrownBy(CorelakeException.class, api::get);
		assertThat(open.getErrorCode()).isEqualTo(CommonErrorCode.UPSTREAM_CIRCUIT_OPEN);
		assertThat(open.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("30");
		assertThatProblemOf(open).hasStatus(503).hasCode("UPSTREAM_CIRCUIT_OPEN").hasUpstreamService("stub");
		assertThat(stub.hits()).isEqualTo(4);
	}

	@Test
	void clientProblemIsDecodedWithUpstreamCodeAndDoesNotCountAgainstTheBreaker() {
		stub.respondWith(StubServer.problem(404, "DATASET_NOT_FOUND", false));
		Api api = client(stub.url());
		for (int i = 0; i < 8; i++) {
			UpstreamProblemException ex = thrownBy(UpstreamProblemException.class, api::get);
			assertThat(ex.getStatusCode().value()).isEqualTo(404);
			assertThat(ex.getUpstreamCode()).isEqualTo("DATASET_NOT_FOUND");
		}
		assertThat(stub.hits()).isEqualTo(8);
		CircuitBreaker breaker = this.resilience.circuitBreaker("stub");
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void connectionRefusedIsUpstreamUnavailableAfterRetries() {
		CorelakeException ex = thrownBy(CorelakeException.class, () -> client(refusingUrl).get());
		assertThat(ex.getErrorCode()).isEqualTo(CommonErrorCode.UPSTREAM_UNAVAILABLE);
		assertThatProblemOf(ex).hasStatus(503).hasCode("UPSTREAM_UNAVAILABLE").hasUpstreamService("stub");
		assertThat(this.resilience.circuitBreaker("stub").getMetrics().getNumberOfFailedCalls()).isEqualTo(3);
	}

	private Api client(String url) {
		return Feign.builder()
			.client(new ApacheHttp5Client(httpClient))
			.retryer(Retryer.NEVER_RETRY)
			.options(new Request.Options(1, TimeUnit.SECONDS, 1, TimeUnit.SECONDS, false))
			.addCapability(new UpstreamFeignCapability())
			.addCapability(new ResilientFeignCapability(this.resilience))
			.target(new Target.HardCodedTarget<>(Api.class, "stub", url));
	}

	interface Api {

		@RequestLine("GET /items")
		String get();

		@RequestLine("POST /items")
		void create(String body);

	}

}
