package dev.corelake.platform.downstream;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.client.UpstreamProblemException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
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
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

import static dev.corelake.platform.downstream.ProblemAssertions.thrownBy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Cloud OpenFeign client in an application with the starter: the platform's
 * capabilities and request id interceptor are applied, and the pooled HttpClient 5 does
 * not resend requests behind resilience4j's back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE, properties = {
		"resilience4j.retry.instances.stub.wait-duration=10ms", "management.otlp.metrics.export.enabled=false" })
class FeignClientsTests {

	private static StubServer stub;

	private static String refusingUrl;

	@Autowired
	private StubClient client;

	@Autowired
	private RefusingClient refusingClient;

	@Autowired
	private DownstreamResilience resilience;

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
	static void urls(DynamicPropertyRegistry registry) {
		registry.add("test.stub.url", () -> stub.url());
		registry.add("test.refused.url", () -> refusingUrl);
	}

	@BeforeEach
	void resetStubAndBreaker() {
		stub.reset();
		this.resilience.circuitBreaker("stub").reset();
	}

	@AfterEach
	void clearLoggingContext() {
		MDC.clear();
	}

	@Test
	void successfulGetReturnsTheBodyAndForwardsTheRequestId() {
		stub.respondWith(StubServer.ok("{\"name\":\"sales\"}"));
		MDC.put("requestId", "abc-123");
		assertThat(this.client.get()).isEqualTo("{\"name\":\"sales\"}");
		assertThat(stub.lastRequestId()).isEqualTo("abc-123");
	}

	@Test
	void serviceUnavailableAnswerToPostIsSentOnceAndCountsAgainstTheBreaker() {
		stub.respondWith(StubServer.problem(503, "UPSTREAM_UNAVAILABLE", true));
		UpstreamProblemException ex = thrownBy(UpstreamProblemException.class, () -> this.client.create("{}"));
		assertThat(ex.getStatusCode().value()).isEqualTo(503);
		assertThat(stub.hits()).isEqualTo(1);
		CircuitBreaker breaker = this.resilience.circuitBreaker("stub");
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
	}

	@Test
	void getAnsweredWithRetryableServerProblemIsRetriedByResilience4jOnly() {
		stub.respondWith(StubServer.problem(503, "UPSTREAM_UNAVAILABLE", true));
		thrownBy(UpstreamProblemException.class, this.client::get);
		assertThat(stub.hits()).isEqualTo(3);
	}

	@Test
	void notFoundProblemIsDecodedWithTheUpstreamCode() {
		stub.respondWith(StubServer.problem(404, "DATASET_NOT_FOUND", false));
		UpstreamProblemException ex = thrownBy(UpstreamProblemException.class, this.client::get);
		assertThat(ex.getStatusCode().value()).isEqualTo(404);
		assertThat(ex.getUpstreamCode()).isEqualTo("DATASET_NOT_FOUND");
		assertThat(ex.getUpstreamService()).isEqualTo("stub");
		assertThat(this.resilience.circuitBreaker("stub").getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void connectionRefusedIsUpstreamUnavailable() {
		CorelakeException ex = thrownBy(CorelakeException.class, () -> this.refusingClient.create("{}"));
		assertThat(ex.getErrorCode()).isEqualTo(CommonErrorCode.UPSTREAM_UNAVAILABLE);
	}

	@FeignClient(name = "stub", url = "${test.stub.url}")
	interface StubClient {

		@GetMapping("/items")
		String get();

		@PostMapping("/items")
		void create(@RequestBody String body);

	}

	@FeignClient(name = "refused", url = "${test.refused.url}")
	interface RefusingClient {

		@PostMapping("/items")
		void create(@RequestBody String body);

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableFeignClients(clients = { StubClient.class, RefusingClient.class })
	static class TestApplication {

	}

}
