package dev.corelake.config;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.corelake.config.ConfigApiTests.json;
import static dev.corelake.config.ConfigApiTests.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two config-service replicas on one real PostgreSQL: a write on either wakes the
 * watchers held by the other, and both read the same (encrypted) state.
 *
 * @author Corelake
 */
class ReplicaWatchTests extends HttpTestSupport {

	private static EmbeddedPostgres postgres;

	private static ConfigurableApplicationContext replicaA;

	private static ConfigurableApplicationContext replicaB;

	@TempDir
	static Path keys;

	@BeforeAll
	static void startReplicas() throws IOException {
		postgres = EmbeddedPostgres.start();
		replicaA = start();
		replicaB = start();
	}

	@AfterAll
	static void stopReplicas() throws IOException {
		for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] { replicaA, replicaB }) {
			if (replica != null) {
				replica.close();
			}
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(ConfigServiceApplication.class).run(
				"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres", "--server.port=0",
				"--management.server.port=0", "--corelake.platform.security.auth-url=" + issuer.authUrl(),
				"--corelake.config.secrets.key-file=" + keys.resolve("secrets.key"),
				"--corelake.config.watch.timeout=20s", "--corelake.config.watch.poll-interval=100ms");
	}

	private static int port(ConfigurableApplicationContext replica) {
		return replica.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	@Override
	protected int port() {
		return port(replicaA);
	}

	private CompletableFuture<HttpResponse<String>> watchOnB(String view, long revision) {
		return HTTP.sendAsync(request(port(replicaB), "GET",
				"/api/v1/config/views/" + view + "/watch?revision=" + revision, viewer(), null),
				HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void writeOnOneReplicaWakesAWatcherOnTheOther() throws Exception {
		long current = json(
				HTTP.send(request(port(replicaB), "GET", "/api/v1/config/views/catalog-service", viewer(), null),
						HttpResponse.BodyHandlers.ofString()))
			.get("revision")
			.asLong();
		CompletableFuture<HttpResponse<String>> watcher = watchOnB("catalog-service", current);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !watcher.isDone());

		send("PATCH", properties("catalog-service", "default"), admin(),
				"{\"message\":\"on A\",\"set\":[{\"key\":\"catalog.page-size\",\"value\":\"77\"},"
						+ "{\"key\":\"catalog.db-password\",\"value\":\"pw-on-a\",\"secret\":true}]}",
				"If-Match", "\"0\"");

		await().atMost(Duration.ofSeconds(5)).until(watcher::isDone);
		HttpResponse<String> woken = watcher.get();
		assertThat(woken.statusCode()).isEqualTo(200);
		JsonNode view = json(woken);
		assertThat(view.get("properties").get("catalog.page-size").asString()).isEqualTo("77");
		assertThat(view.get("properties").get("catalog.db-password").asString()).isEqualTo("******");

		HttpResponse<String> onB = HTTP.send(
				request(port(replicaB), "GET", "/api/v1/config/views/catalog-service", admin(), null),
				HttpResponse.BodyHandlers.ofString());
		assertThat(json(onB).get("properties").get("catalog.db-password").asString())
			.as("replicas share the key file, so B decrypts what A wrote")
			.isEqualTo("pw-on-a");
	}

	@Test
	void sharedWriteOnTheOtherReplicaWakesServiceWatchersAndCasSpansReplicas() throws Exception {
		long current = json(HTTP.send(request(port(replicaB), "GET", "/api/v1/config/views/billing", viewer(), null),
				HttpResponse.BodyHandlers.ofString()))
			.get("revision")
			.asLong();
		CompletableFuture<HttpResponse<String>> watcher = HTTP.sendAsync(request(port(replicaA), "GET",
				"/api/v1/config/views/billing/watch?revision=" + current, viewer(), null),
				HttpResponse.BodyHandlers.ofString());
		String application = properties("application", "default");
		long appRevision = json(HTTP.send(request(port(replicaB), "GET", application, admin(), null),
				HttpResponse.BodyHandlers.ofString()))
			.get("revision")
			.asLong();
		HttpResponse<String> written = HTTP.send(request(port(replicaB), "PUT", application + "/shared.flag", admin(),
				"{\"value\":\"from-b\"}", "If-Match", "\"" + appRevision + "\""), HttpResponse.BodyHandlers.ofString());
		assertThat(written.statusCode()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(5)).until(watcher::isDone);
		assertThat(json(watcher.get()).get("properties").get("shared.flag").asString()).isEqualTo("from-b");

		assertProblem(send("PUT", application + "/shared.flag", admin(), "{\"value\":\"stale-on-a\"}", "If-Match",
				"\"" + appRevision + "\""), 412, "PRECONDITION_FAILED");
	}

}
