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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compute journey on the whole platform, over HTTP as {@code curl} would do it: a job
 * creates a dataset, an aggregation over it runs and reports progress, its output's
 * schema and producer are in the catalog, and a profile job describes it.
 *
 * @author Corelake
 */
class ComputeJourneyIT {

	private static final String ADMIN_PASSWORD = "journey-Admin-Passphrase-7";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path dataDir;

	private String token;

	@Test
	void aggregateFollowProgressReadSchemaAndProfile() throws Exception {
		try (PlatformLauncher.RunningPlatform platform = PlatformLauncher.start(this.dataDir, (service) -> 0,
				(service) -> 0, Map.of("corelake.auth.admin-password", ADMIN_PASSWORD))) {
			login(platform);
			String jobs = platform.url("compute-service") + "/api/v1/compute/jobs";
			String catalog = platform.url("catalog-service") + "/api/v1/datasets";

			String seed = jobId(send("POST", jobs, "{\"sql\":\"select id, cast(id % 5 as int) as shop, "
					+ "cast(id % 97 as double) as amount from range(100000)\",\"output\":\"orders\"}"));
			assertThat(await(jobs + "/" + seed)).contains("\"state\":\"succeeded\"");

			String aggregation = jobId(send("POST", jobs, "{\"sql\":\"select shop, count(*) as n, sum(amount) as total "
					+ "from orders group by shop\",\"output\":\"orders_by_shop\",\"resources\":{\"cores\":2,\"memory\":\"2g\"}}"));
			String done = await(jobs + "/" + aggregation);
			assertThat(done).contains("\"state\":\"succeeded\"")
				.contains("\"percent\":100")
				.contains("\"dataset\":\"orders\",\"version\":1")
				.contains("\"outputVersion\":1");

			HttpResponse<String> version = send("GET", catalog + "/orders_by_shop/versions/1", null);
			assertThat(version.statusCode()).isEqualTo(200);
			assertThat(version.body()).contains("\"producedBy\":\"compute-job:" + aggregation + "\"")
				.contains("\"rowCount\":5")
				.contains("{\"name\":\"shop\",\"type\":\"int\"");

			HttpResponse<String> lineage = send("GET", catalog + "/orders_by_shop/lineage?direction=upstream", null);
			assertThat(lineage.statusCode()).isEqualTo(200);
			assertThat(lineage.body()).contains("\"dataset\":\"orders\"").contains("\"dataset\":\"orders_by_shop\"");

			String profile = jobId(send("POST", jobs, "{\"kind\":\"profile\",\"dataset\":\"orders_by_shop\"}"));
			assertThat(await(jobs + "/" + profile)).contains("\"state\":\"succeeded\"")
				.contains("\"name\":\"total\"")
				.contains("\"rowCount\":5");
			assertThat(send("GET", jobs + "/" + aggregation + "/logs", null).body())
				.contains("Registered as orders_by_shop");
		}
	}

	private String await(String url) {
		return org.awaitility.Awaitility.await()
			.atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> send("GET", url, null).body(),
					(body) -> body.matches(".*\"state\":\"(succeeded|failed|cancelled|timed-out)\".*"));
	}

	private static String jobId(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return response.body().replaceAll("^\\{\"id\":\"([^\"]+)\".*", "$1");
	}

	private void login(PlatformLauncher.RunningPlatform platform) throws Exception {
		HttpResponse<String> login = this.http.send(HttpRequest
			.newBuilder(URI.create(platform.url("auth-service") + "/api/v1/auth/token"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=admin&password=" + ADMIN_PASSWORD))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		this.token = login.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
	}

	private HttpResponse<String> send(String method, String url, String json) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + this.token)
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
