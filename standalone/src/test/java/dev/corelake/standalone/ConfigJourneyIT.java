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
import static org.awaitility.Awaitility.await;

/**
 * The configuration journey of the acceptance criteria over real HTTP against the whole
 * platform booted as {@code ./corelake up} boots it: write a value for catalog-service in
 * config-service, see the running catalog-service apply it without a restart, read the
 * history, roll back, and see the old value applied again; a value that fails
 * catalog-service's validation is refused by the service, and a key the command line
 * shadows is reported.
 *
 * @author Corelake
 */
class ConfigJourneyIT {

	private static final String ADMIN_PASSWORD = "config-journey-admin-Secret-1";

	private static final String PAGE_SIZE = "corelake.catalog.listing.default-page-size";

	/** A key the launcher passes on every service's command line. */
	private static final String SHADOWED = "logging.include-application-name";

	private static final Duration APPLIED_WITHIN = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path dataDir;

	private String token;

	@Test
	void valueWrittenInConfigServiceIsAppliedByCatalogWithoutRestartAndRolledBack() throws Exception {
		try (PlatformLauncher.RunningPlatform platform = start()) {
			String datasets = platform.url("catalog-service") + "/api/v1/datasets";
			String scope = platform.url("config-service")
					+ "/api/v1/config/namespaces/catalog-service/profiles/default";
			String configClient = "http://localhost:" + platform.context("catalog-service")
				.getEnvironment()
				.getRequiredProperty("local.management.port", Integer.class) + "/actuator/configclient";
			for (String name : new String[] { "journey_a", "journey_b", "journey_c" }) {
				assertThat(send("POST", datasets, "{\"name\":\"" + name + "\"}", Map.of()).statusCode()).isEqualTo(201);
			}
			assertThat(pageSize(datasets)).as("the local default").isEqualTo(20);
			HttpResponse<String> configClientReport = send("GET", configClient, null, Map.of());
			assertThat(configClientReport.statusCode()).isEqualTo(200);
			assertThat(configClientReport.body()).contains("\"source\":\"SERVER\"")
				.contains("\"namespace\":\"catalog-service\"");

			// write: a batch, compare-and-set on the scope's revision
			String etag = send("GET", scope + "/properties", null, Map.of()).headers().firstValue("ETag").orElseThrow();
			HttpResponse<String> first = send(
					"PATCH", scope + "/properties", "{\"message\":\"smaller pages\",\"set\":[{\"key\":\"" + PAGE_SIZE
							+ "\",\"value\":\"2\"}," + "{\"key\":\"" + SHADOWED + "\",\"value\":\"false\"}]}",
					Map.of("If-Match", etag));
			assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
			String firstRevision = unquote(first.headers().firstValue("ETag").orElseThrow());

			// applied by the running service
			await().atMost(APPLIED_WITHIN).until(() -> pageSize(datasets) == 2);
			assertThat(send("GET", datasets, null, Map.of()).body()).contains("\"name\":\"journey_a\"")
				.contains("\"name\":\"journey_b\"")
				.doesNotContain("journey_c")
				.contains("\"totalPages\":2");
			assertThat(send("GET", configClient, null, Map.of()).body())
				.contains("{\"key\":\"" + SHADOWED + "\",\"shadowedBy\":\"commandLineArgs\"}")
				.doesNotContain("\"key\":\"" + PAGE_SIZE + "\"");

			// a second value
			HttpResponse<String> second = send("PUT", scope + "/properties/" + PAGE_SIZE,
					"{\"value\":\"7\",\"message\":\"a little more\"}", Map.of("If-Match", quote(firstRevision)));
			assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
			String secondRevision = unquote(second.headers().firstValue("ETag").orElseThrow());
			await().atMost(APPLIED_WITHIN).until(() -> pageSize(datasets) == 7);

			// history, newest first, with author and message
			HttpResponse<String> history = send("GET", scope + "/revisions", null, Map.of());
			assertThat(history.statusCode()).isEqualTo(200);
			assertThat(history.body()).contains("\"revision\":" + secondRevision)
				.contains("\"revision\":" + firstRevision)
				.contains("\"message\":\"a little more\"")
				.contains("\"author\":\"admin\"");
			assertThat(history.body().indexOf("\"revision\":" + secondRevision))
				.isLessThan(history.body().indexOf("\"revision\":" + firstRevision));

			// roll back to the first value: a new revision, applied like any write
			HttpResponse<String> rollback = send("POST", scope + "/revisions/" + firstRevision + "/rollback", null,
					Map.of("If-Match", quote(secondRevision)));
			assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(200);
			assertThat(Long.parseLong(unquote(rollback.headers().firstValue("ETag").orElseThrow())))
				.isGreaterThan(Long.parseLong(secondRevision));
			await().atMost(APPLIED_WITHIN).until(() -> pageSize(datasets) == 2);

			// a value outside 1..200 is refused by catalog-service, which keeps its value
			HttpResponse<String> invalid = send("PUT", scope + "/properties/" + PAGE_SIZE, "{\"value\":\"500\"}",
					Map.of("If-Match", rollback.headers().firstValue("ETag").orElseThrow()));
			assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(200);
			await().atMost(APPLIED_WITHIN)
				.until(() -> send("GET", configClient, null, Map.of()).body().contains("\"rejected\""));
			assertThat(send("GET", configClient, null, Map.of()).body()).contains("defaultPageSize");
			assertThat(pageSize(datasets)).isEqualTo(2);

			// an application that is no Corelake service reads the same view in the
			// Spring
			// Cloud Config Server format, with an API client's id and secret over Basic,
			// exchanged at the real auth-service
			HttpResponse<String> created = send("POST", platform.url("auth-service") + "/api/v1/auth/clients",
					"{\"clientId\":\"legacy-reader\",\"scopes\":[\"config.read\"]}", Map.of());
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			String secret = created.body().replaceAll(".*\"clientSecret\":\"([^\"]+)\".*", "$1");
			String spring = platform.url("config-service") + "/api/v1/config/spring/catalog-service/default";
			HttpResponse<String> environment = this.http.send(HttpRequest.newBuilder(URI.create(spring))
				.timeout(Duration.ofSeconds(10))
				.header("Authorization", basic("legacy-reader:" + secret))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(environment.statusCode()).as(environment.body()).isEqualTo(200);
			assertThat(environment.body()).contains("\"name\":\"corelake:catalog-service/default\"")
				.contains("\"" + PAGE_SIZE + "\":\"500\"");
			HttpResponse<String> wrong = this.http.send(HttpRequest.newBuilder(URI.create(spring))
				.timeout(Duration.ofSeconds(10))
				.header("Authorization", basic("legacy-reader:not-the-secret"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
			assertThat(wrong.body()).contains("\"code\":\"AUTHENTICATION_REQUIRED\"");
		}
	}

	private static String basic(String credentials) {
		return "Basic " + java.util.Base64.getEncoder()
			.encodeToString(credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	private PlatformLauncher.RunningPlatform start() throws Exception {
		PlatformLauncher.RunningPlatform platform = PlatformLauncher.start(this.dataDir, (service) -> 0, (service) -> 0,
				Map.of("corelake.auth.admin-password", ADMIN_PASSWORD));
		try {
			HttpResponse<String> login = this.http
				.send(HttpRequest.newBuilder(URI.create(platform.url("auth-service") + "/api/v1/auth/token"))
					.timeout(Duration.ofSeconds(10))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers
						.ofString("grant_type=password&username=admin&password=" + ADMIN_PASSWORD))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
			this.token = login.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
			return platform;
		}
		catch (Exception | AssertionError ex) {
			platform.close();
			throw ex;
		}
	}

	/** The page size catalog-service lists with when the request names none. */
	private int pageSize(String datasets) throws IOException, InterruptedException {
		HttpResponse<String> listed = send("GET", datasets, null, Map.of());
		assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
		return Integer.parseInt(listed.body().replaceAll("(?s).*\"size\":(\\d+).*", "$1"));
	}

	private static String quote(String revision) {
		return "\"" + revision + "\"";
	}

	private static String unquote(String etag) {
		return etag.replace("\"", "");
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

}
