package dev.corelake.config;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static dev.corelake.config.ConfigApiTests.json;
import static dev.corelake.config.ConfigApiTests.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Spring Cloud Config Server format: layer order and precedence, secrets left out for
 * readers who may not see them, bad input; and a stock Spring application (the real
 * {@code spring-cloud-config-client}) reading Corelake configuration through
 * {@code spring.config.import=configserver:} with a bearer token and with an API client's
 * id and secret over Basic (exchanged at the test issuer's token endpoint, which stands
 * in for auth-service in this module; {@code standalone} runs the exchange against the
 * real one).
 *
 * @author Corelake
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SpringConfigFormatTests extends HttpTestSupport {

	private static final String APP = "/api/v1/config/spring/";

	@LocalServerPort
	private int port;

	@Override
	protected int port() {
		return this.port;
	}

	@BeforeEach
	void seed() throws Exception {
		write("application", "default", "{\"set\":[{\"key\":\"greeting\",\"value\":\"hello\"},"
				+ "{\"key\":\"shared.timeout\",\"value\":\"5s\"}]}");
		write("legacy-app", "default", "{\"set\":[{\"key\":\"greeting\",\"value\":\"hello legacy\"},"
				+ "{\"key\":\"db.password\",\"value\":\"pa55-w0rd\",\"secret\":true}]}");
		write("legacy-app", "prod", "{\"set\":[{\"key\":\"greeting\",\"value\":\"hello prod\"}]}");
		write("legacy-app", "eu", "{\"set\":[{\"key\":\"greeting\",\"value\":\"hello eu\"}]}");
	}

	@Test
	void layersComeHighestPrecedenceFirstAndLaterProfilesWin() throws Exception {
		HttpResponse<String> response = send("GET", APP + "legacy-app/prod,eu", viewer(), null);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode environment = json(response);
		assertThat(environment.get("name").asString()).isEqualTo("legacy-app");
		assertThat(environment.get("profiles").values()).extracting(JsonNode::asString).containsExactly("prod", "eu");
		assertThat(environment.get("label").isNull()).isTrue();
		List<String> names = new ArrayList<>();
		environment.get("propertySources").values().forEach((source) -> names.add(source.get("name").asString()));
		assertThat(names).containsExactly("corelake:legacy-app/eu", "corelake:application/eu",
				"corelake:legacy-app/prod", "corelake:application/prod", "corelake:legacy-app/default",
				"corelake:application/default");
		assertThat(environment.get("propertySources").get(0).get("source").get("greeting").asString())
			.isEqualTo("hello eu");
		long newest = json(send("GET", "/api/v1/config/views/legacy-app?profile=eu", viewer(), null)).get("revision")
			.asLong();
		assertThat(Long.parseLong(environment.get("version").asString())).isGreaterThanOrEqualTo(newest);
	}

	@Test
	void secretsAreLeftOutNotMaskedForReadersWhoMayNotSeeThem() throws Exception {
		JsonNode forViewer = json(send("GET", APP + "legacy-app/default", viewer(), null));
		JsonNode own = forViewer.get("propertySources").get(0).get("source");
		assertThat(own.has("db.password")).isFalse();
		assertThat(own.get("greeting").asString()).isEqualTo("hello legacy");
		JsonNode forAdmin = json(send("GET", APP + "legacy-app/default", admin(), null));
		assertThat(forAdmin.get("propertySources").get(0).get("source").get("db.password").asString())
			.isEqualTo("pa55-w0rd");
	}

	@Test
	void badInputIsA4xxProblem() throws Exception {
		assertProblem(send("GET", APP + "legacy-app/default", null, null), 401, "AUTHENTICATION_REQUIRED");
		assertProblem(send("GET", APP + "legacy-app/default/main", viewer(), null), 400, "VALIDATION_FAILED");
		assertProblem(send("GET", APP + "legacy-app/Prod", viewer(), null), 400, "VALIDATION_FAILED");
		assertProblem(send("GET", APP + "legacy-app/prod,,eu", viewer(), null), 400, "VALIDATION_FAILED");
		assertProblem(send("GET", APP + "legacy-app/a,b,c,d,e,f,g,h,i", viewer(), null), 400, "VALIDATION_FAILED");
		assertThat(send("GET", APP + "Legacy_App/default", viewer(), null).statusCode()).isEqualTo(400);
		assertProblem(send("GET", APP + "legacy-app/default", null, null, "Authorization", "Basic !!not-base64"), 401,
				"AUTHENTICATION_REQUIRED");
		assertProblem(send("GET", APP + "legacy-app/default", null, null, "Authorization", basic("no-colon")), 401,
				"AUTHENTICATION_REQUIRED");
		assertProblem(send("GET", APP + "legacy-app/default", null, null, "Authorization", basic("ghost:wrong")), 401,
				"AUTHENTICATION_REQUIRED");
		// Basic is only exchanged on the Spring Cloud Config paths
		issuer.registerClient("legacy-app", "s3cret-value", "config.read");
		assertProblem(send("GET", "/api/v1/config/views/legacy-app", null, null, "Authorization",
				basic("legacy-app:s3cret-value")), 401, "AUTHENTICATION_REQUIRED");
	}

	@Test
	void stockSpringApplicationReadsCorelakeConfigurationWithABearerToken() {
		try (ConfigurableApplicationContext app = stockApplication("prod",
				"--spring.cloud.config.headers.Authorization=Bearer " + client("legacy-app", "config.read"))) {
			assertThat(app.getEnvironment().getProperty("greeting")).isEqualTo("hello prod");
			assertThat(app.getEnvironment().getProperty("shared.timeout")).isEqualTo("5s");
			assertThat(app.getEnvironment().getProperty("db.password")).isNull();
		}
	}

	@Test
	void stockSpringApplicationAuthenticatesWithClientIdAndSecret() {
		issuer.registerClient("legacy-app", "s3cret-value", "config.read config.secrets");
		int before = issuer.tokenRequests();
		try (ConfigurableApplicationContext app = stockApplication("default",
				"--spring.cloud.config.username=legacy-app", "--spring.cloud.config.password=s3cret-value")) {
			assertThat(app.getEnvironment().getProperty("greeting")).isEqualTo("hello legacy");
			assertThat(app.getEnvironment().getProperty("db.password")).isEqualTo("pa55-w0rd");
		}
		try (ConfigurableApplicationContext again = stockApplication("default",
				"--spring.cloud.config.username=legacy-app", "--spring.cloud.config.password=s3cret-value")) {
			assertThat(again.getEnvironment().getProperty("greeting")).isEqualTo("hello legacy");
		}
		// the exchanged token is reused while it is valid
		assertThat(issuer.tokenRequests() - before).isEqualTo(1);
		assertThatThrownBy(() -> stockApplication("default", "--spring.cloud.config.username=legacy-app",
				"--spring.cloud.config.password=wrong")
			.close()).hasStackTraceContaining("auth-service refused this client id and secret");
	}

	private ConfigurableApplicationContext stockApplication(String profile, String... extra) {
		List<String> args = new ArrayList<>(List.of("--spring.config.name=legacy-app",
				"--spring.application.name=legacy-app", "--spring.profiles.active=" + profile,
				"--spring.config.import=configserver:http://localhost:" + this.port + "/api/v1/config/spring",
				"--spring.cloud.config.fail-fast=true", "--spring.cloud.config.enabled=true",
				"--spring.cloud.config.request-read-timeout=5000", "--spring.cloud.config.request-connect-timeout=2000",
				"--spring.main.banner-mode=off"));
		args.addAll(List.of(extra));
		return new SpringApplicationBuilder(StockApplication.class).web(WebApplicationType.NONE)
			.run(args.toArray(String[]::new));
	}

	private void write(String namespace, String profile, String patch) throws Exception {
		String path = properties(namespace, profile);
		long revision = json(send("GET", path, admin(), null)).get("revision").asLong();
		HttpResponse<String> written = send("PATCH", path, admin(), patch, "If-Match", "\"" + revision + "\"");
		assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
	}

	private static String basic(String credentials) {
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * An application that knows nothing of Corelake (deliberately unannotated, so neither
	 * the test's configuration search nor config-service's component scan finds it).
	 */
	static class StockApplication {

	}

}
