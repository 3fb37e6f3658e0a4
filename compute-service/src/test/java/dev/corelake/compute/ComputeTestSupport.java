package dev.corelake.compute;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.corelake.compute.job.JobState;
import dev.corelake.platform.security.ClientCredentialsTokens;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Base of the tests that boot compute-service (one shared context: one job slot, real
 * Spark, a real catalog-service, real tokens) and call it over HTTP.
 *
 * @author Corelake
 */
@ExtendWith(TestPlatform.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:compute-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
		"management.server.port=0", "corelake.compute.local.max-concurrent-jobs=1",
		"corelake.compute.jobs.commit-retry-interval=500ms", "corelake.compute.jobs.progress-flush-interval=200ms",
		"corelake.compute.reaper.enabled=false" })
@Import(ComputeTestSupport.ServiceTokens.class)
public abstract class ComputeTestSupport {

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	protected static final String JOBS = "/api/v1/compute/jobs";

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	public static void platform(DynamicPropertyRegistry registry) {
		TestPlatform platform = TestPlatform.get();
		registry.add("corelake.platform.security.auth-url", () -> platform.issuer().authUrl().toString());
		registry.add("corelake.platform.downstream.services.catalog-service.url", () -> platform.catalogRelay().url());
		registry.add("corelake.lake.uri", () -> platform.lakeUri().toString());
	}

	protected static TestPlatform platform() {
		return TestPlatform.get();
	}

	protected HttpResponse<String> compute(String method, String path, String token, String json) {
		return TestPlatform.call(method, "http://localhost:" + this.port + path, token, json);
	}

	protected static HttpResponse<String> catalog(String method, String path, String token) {
		return TestPlatform.call(method, platform().catalogUrl() + path, token, null);
	}

	protected static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	protected static String contentType(HttpResponse<String> response) {
		return response.headers().firstValue("Content-Type").orElse("");
	}

	protected String submit(String token, String body) {
		HttpResponse<String> response = compute("POST", JOBS, token, body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return json(response).get("id").asString();
	}

	protected JsonNode awaitState(String token, String id, JobState... states) {
		List<String> names = java.util.Arrays.stream(states).map(JobState::apiName).toList();
		return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
			HttpResponse<String> response = compute("GET", JOBS + "/" + id, token, null);
			return json(response);
		}, (job) -> names.contains(job.get("state").asString()));
	}

	protected static String sqlJob(String sql, String output) {
		return JSON.writeValueAsString(Map.of("sql", sql, "output", output));
	}

	/**
	 * compute-service's service token, as auth-service's client-credentials grant would
	 * give it.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class ServiceTokens {

		@Bean
		ClientCredentialsTokens clientCredentialsTokens() {
			return TestPlatform.get().serviceTokens();
		}

	}

}
