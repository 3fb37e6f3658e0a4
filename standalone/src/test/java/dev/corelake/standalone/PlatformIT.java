package dev.corelake.standalone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.corelake.errors.test.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole platform booted as {@code ./corelake up} boots it (random ports, a fresh data
 * directory), used over HTTP: the catalog journey, the error contract across the real
 * server, and data surviving a restart.
 *
 * @author Corelake
 */
class PlatformIT {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path dataDir;

	@Test
	void catalogJourneyThroughRealHttpSurvivesRestart() throws Exception {
		String base;
		try (PlatformLauncher.RunningPlatform platform = start()) {
			base = platform.url("catalog-service") + "/api/v1/datasets";
			HttpResponse<String> created = send("POST", base,
					"{\"name\":\"sales_orders\",\"owner\":\"alice\",\"tags\":[\"sales\"],\"retention\":{\"keepLast\":3}}",
					Map.of());
			assertThat(created.statusCode()).isEqualTo(201);
			assertThat(created.headers().firstValue("ETag")).contains("\"0\"");
			assertThat(created.headers().firstValue("Location")).contains("/api/v1/datasets/sales_orders");
			assertThat(created.body()).contains("\"owner\":\"alice\"");

			HttpResponse<String> version = send("POST", base + "/sales_orders/versions",
					"{\"location\":\"file:/lake/sales_orders/v1\",\"format\":\"PARQUET\","
							+ "\"schema\":[{\"name\":\"id\",\"type\":\"bigint\",\"nullable\":false}],"
							+ "\"rowCount\":3,\"bytes\":512,\"producedBy\":\"test\"}",
					Map.of());
			assertThat(version.statusCode()).isEqualTo(201);
			assertThat(version.body()).contains("\"version\":1");
			assertThat(platform.context("catalog-service").getBean(dev.corelake.lake.Lake.class).uri())
				.as("the all-in-one lake lives in the data directory")
				.isEqualTo(java.net.URI.create("file:" + this.dataDir.toAbsolutePath().normalize().resolve("lake")));

			HttpResponse<String> updated = send("PATCH", base + "/sales_orders", "{\"description\":\"Orders\"}",
					Map.of("If-Match", "\"0\""));
			assertThat(updated.statusCode()).isEqualTo(200);
			assertThat(updated.headers().firstValue("ETag")).contains("\"1\"");

			HttpResponse<String> stale = send("PATCH", base + "/sales_orders", "{\"description\":\"lost\"}",
					Map.of("If-Match", "\"0\""));
			assertThatProblem(stale.statusCode(), contentType(stale), stale.body()).isConformant()
				.hasStatus(412)
				.hasCode("PRECONDITION_FAILED");

			HttpResponse<String> missing = send("GET", base + "/nothing_here", null, Map.of());
			assertThatProblem(missing.statusCode(), contentType(missing), missing.body()).isConformant()
				.hasStatus(404)
				.hasCode("DATASET_NOT_FOUND");
		}

		try (PlatformLauncher.RunningPlatform platform = start()) {
			base = platform.url("catalog-service") + "/api/v1/datasets";
			HttpResponse<String> reread = send("GET", base + "/sales_orders", null, Map.of());
			assertThat(reread.statusCode()).isEqualTo(200);
			assertThat(reread.body()).contains("\"description\":\"Orders\"").contains("\"latestVersion\":1");
			assertThat(send("DELETE", base + "/sales_orders", null, Map.of()).statusCode()).isEqualTo(204);
			assertThat(send("GET", base + "/sales_orders", null, Map.of()).statusCode()).isEqualTo(404);
		}
	}

	@Test
	void managementPortAnswersHealthProbes() throws Exception {
		try (PlatformLauncher.RunningPlatform platform = start()) {
			int managementPort = platform.context("catalog-service")
				.getEnvironment()
				.getRequiredProperty("local.management.port", Integer.class);
			for (String probe : new String[] { "liveness", "readiness" }) {
				HttpResponse<String> health = send("GET",
						"http://localhost:" + managementPort + "/actuator/health/" + probe, null, Map.of());
				assertThat(health.statusCode()).isEqualTo(200);
				assertThat(health.body()).contains("\"UP\"");
			}
		}
	}

	private static final String ADMIN_PASSWORD = "platform-it-admin-Secret-1";

	private String token;

	private PlatformLauncher.RunningPlatform start() throws Exception {
		PlatformLauncher.RunningPlatform platform = PlatformLauncher.start(this.dataDir, (service) -> 0, (service) -> 0,
				Map.of("corelake.auth.admin-password", ADMIN_PASSWORD));
		HttpResponse<String> login = this.http.send(HttpRequest
			.newBuilder(URI.create(platform.url("auth-service") + "/api/v1/auth/token"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=admin&password=" + ADMIN_PASSWORD))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		this.token = login.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
		return platform;
	}

	private HttpResponse<String> send(String method, String url, String json, Map<String, String> headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(10))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
		}
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String contentType(HttpResponse<String> response) {
		return response.headers().firstValue("Content-Type").orElse(null);
	}

}
