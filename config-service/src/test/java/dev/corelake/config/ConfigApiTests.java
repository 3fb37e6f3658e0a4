package dev.corelake.config;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The configuration API over real HTTP on H2: compare-and-set, atomic batches, history,
 * diffs, rollback, views, watches and collisions.
 *
 * @author Corelake
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ConfigApiTests extends HttpTestSupport {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Override
	protected int port() {
		return this.port;
	}

	static String properties(String namespace, String profile) {
		return "/api/v1/config/namespaces/" + namespace + "/profiles/" + profile + "/properties";
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	@Test
	void writeWhenIfMatchIsCurrentThenNewRevisionWithAuthorMessageAndDiff() throws Exception {
		String path = properties("orders", "default");
		HttpResponse<String> empty = send("GET", path, viewer(), null);
		assertThat(empty.statusCode()).isEqualTo(200);
		assertThat(empty.headers().firstValue("ETag")).hasValue("\"0\"");

		HttpResponse<String> first = send("PATCH", path, admin(),
				"{\"message\":\"first\",\"set\":[{\"key\":\"orders.limit\",\"value\":\"10\"},"
						+ "{\"key\":\"orders.mode\",\"value\":\"fast\"}]}",
				"If-Match", "\"0\"");
		assertThat(first.statusCode()).isEqualTo(200);
		long revision = json(first).get("revision").asLong();
		assertThat(revision).isPositive();
		assertThat(first.headers().firstValue("ETag")).hasValue("\"" + revision + "\"");

		HttpResponse<String> second = send("PATCH", path, admin(),
				"{\"message\":\"tune\",\"set\":[{\"key\":\"orders.limit\",\"value\":\"20\"}],\"remove\":[\"orders.mode\"]}",
				"If-Match", "\"" + revision + "\"");
		assertThat(second.statusCode()).isEqualTo(200);
		JsonNode state = json(second);
		assertThat(state.get("properties")).hasSize(1);
		assertThat(state.get("properties").get(0).get("value").asString()).isEqualTo("20");

		JsonNode history = json(send("GET", path.replace("/properties", "/revisions"), viewer(), null));
		assertThat(history.get("totalItems").asLong()).isEqualTo(2);
		JsonNode newest = history.get("items").get(0);
		assertThat(newest.get("author").asString()).isEqualTo("alice");
		assertThat(newest.get("message").asString()).isEqualTo("tune");
		assertThat(newest.get("createdAt").asString()).isNotBlank();
		assertThat(newest.get("changes").toString()).contains("\"key\":\"orders.limit\"")
			.contains("\"action\":\"CHANGED\"")
			.contains("\"oldValue\":\"10\"")
			.contains("\"newValue\":\"20\"")
			.contains("\"action\":\"REMOVED\"");
	}

	@Test
	void writeWhenIfMatchStaleOrMissingThen412Or428AndNothingChanged() throws Exception {
		String path = properties("billing", "default");
		send("PUT", path + "/billing.rate", admin(), "{\"value\":\"1\"}", "If-Match", "\"0\"");

		assertProblem(send("PUT", path + "/billing.rate", admin(), "{\"value\":\"2\"}", "If-Match", "\"0\""), 412,
				"PRECONDITION_FAILED");
		assertProblem(send("PUT", path + "/billing.rate", admin(), "{\"value\":\"2\"}"), 428, "PRECONDITION_REQUIRED");
		assertProblem(send("DELETE", path + "/billing.rate", admin(), null), 428, "PRECONDITION_REQUIRED");
		assertProblem(send("PATCH", path, admin(), "{\"remove\":[\"billing.rate\"]}", "If-Match", "\"999\""), 412,
				"PRECONDITION_FAILED");
		assertProblem(send("PATCH", path, admin(), "{\"remove\":[\"billing.rate\"]}", "If-Match", "not-quoted"), 400,
				"INVALID_PARAMETER");

		JsonNode state = json(send("GET", path, admin(), null));
		assertThat(state.get("properties").get(0).get("value").asString()).isEqualTo("1");
		assertThat(
				json(send("GET", path.replace("/properties", "/revisions"), admin(), null)).get("totalItems").asLong())
			.isEqualTo(1);
	}

	@Test
	void concurrentWritesWithTheSameIfMatchThenExactlyOneWins() throws Exception {
		String path = properties("race", "default");
		List<CompletableFuture<HttpResponse<String>>> writes = new ArrayList<>();
		String token = admin();
		for (int i = 0; i < 8; i++) {
			writes.add(HTTP.sendAsync(request(this.port, "PUT", path + "/race.winner", token,
					"{\"value\":\"writer-" + i + "\"}", "If-Match", "\"0\""), HttpResponse.BodyHandlers.ofString()));
		}
		List<Integer> statuses = new ArrayList<>();
		for (CompletableFuture<HttpResponse<String>> write : writes) {
			statuses.add(write.get(30, TimeUnit.SECONDS).statusCode());
		}
		assertThat(statuses).containsOnly(200, 412).filteredOn((status) -> status == 200).hasSize(1);
		assertThat(
				json(send("GET", path.replace("/properties", "/revisions"), admin(), null)).get("totalItems").asLong())
			.isEqualTo(1);
	}

	@Test
	void batchWhenAnyChangeInvalidThenNothingStored() throws Exception {
		String path = properties("atomic", "default");
		send("PUT", path + "/keep", admin(), "{\"value\":\"original\"}", "If-Match", "\"0\"");
		String etag = send("GET", path, admin(), null).headers().firstValue("ETag").orElseThrow();

		assertProblem(send("PATCH", path, admin(),
				"{\"set\":[{\"key\":\"keep\",\"value\":\"changed\"},{\"key\":\"../etc\",\"value\":\"x\"}]}", "If-Match",
				etag), 400, "VALIDATION_FAILED");
		assertProblem(send("PATCH", path, admin(),
				"{\"set\":[{\"key\":\"keep\",\"value\":\"changed\"},{\"key\":\"keep\",\"value\":\"twice\"}]}",
				"If-Match", etag), 400, "VALIDATION_FAILED");
		assertProblem(
				send("PATCH", path, admin(),
						"{\"set\":[{\"key\":\"keep\",\"value\":\"changed\"}],\"remove\":[\"keep\"]}", "If-Match", etag),
				400, "VALIDATION_FAILED");
		StringBuilder tooMany = new StringBuilder("{\"set\":[");
		for (int i = 0; i < 1001; i++) {
			tooMany.append((i > 0) ? "," : "").append("{\"key\":\"k").append(i).append("\",\"value\":\"v\"}");
		}
		assertProblem(send("PATCH", path, admin(), tooMany.append("]}").toString(), "If-Match", etag), 400,
				"VALIDATION_FAILED");

		JsonNode state = json(send("GET", path, admin(), null));
		assertThat(state.get("properties")).hasSize(1);
		assertThat(state.get("properties").get(0).get("value").asString()).isEqualTo("original");
		assertThat(send("GET", path, admin(), null).headers().firstValue("ETag")).hasValue(etag);
	}

	@Test
	void writeThatChangesNothingKeepsTheRevision() throws Exception {
		String path = properties("idle", "default");
		HttpResponse<String> first = send("PUT", path + "/idle.value", admin(), "{\"value\":\"same\"}", "If-Match",
				"\"0\"");
		String etag = first.headers().firstValue("ETag").orElseThrow();
		HttpResponse<String> again = send("PUT", path + "/idle.value", admin(), "{\"value\":\"same\"}", "If-Match",
				etag);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.headers().firstValue("ETag")).hasValue(etag);
	}

	@Test
	void rollbackRestoresAnOldStateAsANewRevision() throws Exception {
		String path = properties("catalog-service", "default");
		long r1 = json(send("PATCH", path, admin(),
				"{\"set\":[{\"key\":\"catalog.page-size\",\"value\":\"20\"},{\"key\":\"catalog.mode\",\"value\":\"a\"}]}",
				"If-Match", "\"0\""))
			.get("revision")
			.asLong();
		long r2 = json(send("PATCH", path, admin(),
				"{\"set\":[{\"key\":\"catalog.page-size\",\"value\":\"50\"},{\"key\":\"catalog.extra\",\"value\":\"x\"}],"
						+ "\"remove\":[\"catalog.mode\"]}",
				"If-Match", "\"" + r1 + "\""))
			.get("revision")
			.asLong();

		JsonNode diff = json(
				send("GET", path.replace("/properties", "/diffs?from=" + r1 + "&to=" + r2), viewer(), null));
		assertThat(diff.get("changes")).hasSize(3);
		assertThat(diff.get("changes").toString()).contains("{\"key\":\"catalog.extra\",\"action\":\"ADDED\"")
			.contains("{\"key\":\"catalog.mode\",\"action\":\"REMOVED\"")
			.contains("\"oldValue\":\"20\",\"newValue\":\"50\"");

		String rollback = path.replace("/properties", "/revisions/" + r1 + "/rollback");
		assertProblem(send("POST", rollback, admin(), null), 428, "PRECONDITION_REQUIRED");
		assertProblem(send("POST", rollback, admin(), null, "If-Match", "\"" + r1 + "\""), 412, "PRECONDITION_FAILED");
		HttpResponse<String> rolledBack = send("POST", rollback, admin(), null, "If-Match", "\"" + r2 + "\"");
		assertThat(rolledBack.statusCode()).isEqualTo(200);
		JsonNode state = json(rolledBack);
		long r3 = state.get("revision").asLong();
		assertThat(r3).isGreaterThan(r2);
		assertThat(state.get("properties").toString()).contains("\"key\":\"catalog.mode\",\"value\":\"a\"")
			.contains("\"key\":\"catalog.page-size\",\"value\":\"20\"")
			.doesNotContain("catalog.extra");

		JsonNode newest = json(send("GET", path.replace("/properties", "/revisions/" + r3), viewer(), null));
		assertThat(newest.get("message").asString()).isEqualTo("Rollback to revision " + r1);
		assertThat(newest.get("properties")).hasSize(2);
		assertThat(json(send("GET", path.replace("/properties", "/diffs?from=" + r1 + "&to=" + r3), viewer(), null))
			.get("changes")).isEmpty();

		assertProblem(send("POST", path.replace("/properties", "/revisions/99999/rollback"), admin(), null, "If-Match",
				"\"" + r3 + "\""), 404, "CONFIG_REVISION_NOT_FOUND");
		assertProblem(
				send("GET", properties("other", "default").replace("/properties", "/revisions/" + r1), admin(), null),
				404, "CONFIG_REVISION_NOT_FOUND");
	}

	@Test
	void viewOverlaysTheServiceNamespaceOnApplicationAndProfileOnDefault() throws Exception {
		send("PATCH", properties("application", "default"), admin(),
				"{\"set\":[{\"key\":\"shared.timeout\",\"value\":\"5s\"},{\"key\":\"shared.region\",\"value\":\"eu\"},"
						+ "{\"key\":\"shared.level\",\"value\":\"info\"}]}",
				"If-Match", "\"0\"");
		send("PATCH", properties("inventory", "default"), admin(),
				"{\"set\":[{\"key\":\"shared.timeout\",\"value\":\"9s\"},{\"key\":\"own.size\",\"value\":\"3\"}]}",
				"If-Match", "\"0\"");
		long last = json(send("PATCH", properties("application", "prod"), admin(),
				"{\"set\":[{\"key\":\"shared.level\",\"value\":\"warn\"}]}", "If-Match", "\"0\""))
			.get("revision")
			.asLong();

		HttpResponse<String> response = send("GET", "/api/v1/config/views/inventory?profile=prod", viewer(), null);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode view = json(response);
		assertThat(view.get("revision").asLong()).isEqualTo(last);
		assertThat(response.headers().firstValue("ETag")).hasValue("\"" + last + "\"");
		assertThat(view.get("properties").toString()).isEqualTo(
				"{\"own.size\":\"3\",\"shared.level\":\"warn\",\"shared.region\":\"eu\",\"shared.timeout\":\"9s\"}");
		assertThat(view.get("origins").get("shared.level").asString()).isEqualTo("application/prod");
		assertThat(view.get("origins").get("shared.timeout").asString()).isEqualTo("inventory/default");

		JsonNode defaults = json(send("GET", "/api/v1/config/views/inventory", viewer(), null));
		assertThat(defaults.get("properties").get("shared.level").asString()).isEqualTo("info");

		JsonNode scopes = json(send("GET", "/api/v1/config/namespaces?size=500", viewer(), null));
		assertThat(scopes.get("items").toString()).contains("\"namespace\":\"inventory\",\"profile\":\"default\"")
			.contains("\"namespace\":\"application\",\"profile\":\"prod\"");
	}

	@Test
	void collisionsListOverriddenAndLookalikeKeys() throws Exception {
		send("PATCH", properties("application", "default"), admin(),
				"{\"set\":[{\"key\":\"pool.size\",\"value\":\"10\"},{\"key\":\"same.everywhere\",\"value\":\"1\"},"
						+ "{\"key\":\"a.b-c\",\"value\":\"x\"}]}",
				"If-Match",
				"\"" + json(send("GET", properties("application", "default"), admin(), null)).get("revision").asLong()
						+ "\"");
		send("PATCH", properties("reports", "default"), admin(),
				"{\"set\":[{\"key\":\"pool.size\",\"value\":\"20\"},{\"key\":\"same.everywhere\",\"value\":\"1\"},"
						+ "{\"key\":\"a.bC\",\"value\":\"y\"},{\"key\":\"A_B_C\",\"value\":\"z\"}]}",
				"If-Match", "\"0\"");

		JsonNode report = json(send("GET", "/api/v1/config/views/reports/collisions", viewer(), null));
		assertThat(report.get("overridden").toString())
			.contains("{\"key\":\"pool.size\",\"applicationValue\":\"10\",\"namespaceValue\":\"20\"}")
			.doesNotContain("same.everywhere");
		assertThat(report.get("lookalikes")).hasSize(1);
		JsonNode group = report.get("lookalikes").get(0);
		assertThat(group.get("form").asString()).isEqualTo("abc");
		assertThat(group.get("spellings").toString()).contains("\"key\":\"A_B_C\",\"definedIn\":[\"reports/default\"]")
			.contains("\"key\":\"a.b-c\",\"definedIn\":[\"application/default\"]")
			.contains("\"key\":\"a.bC\"");
	}

	@Test
	void watchWhenNewerRevisionExistsThenAnswersAtOnce() throws Exception {
		long revision = json(send("PUT", properties("eager", "default") + "/eager.flag", admin(), "{\"value\":\"on\"}",
				"If-Match", "\"0\""))
			.get("revision")
			.asLong();
		HttpResponse<String> watch = send("GET", "/api/v1/config/views/eager/watch?revision=" + (revision - 1),
				viewer(), null);
		assertThat(watch.statusCode()).isEqualTo(200);
		assertThat(json(watch).get("properties").get("eager.flag").asString()).isEqualTo("on");
		assertThat(watch.headers().firstValue("ETag")).hasValue("\"" + revision + "\"");
	}

	@Test
	void watchWhenNothingChangesThenHeldAndAnswered304() throws Exception {
		long current = json(send("GET", "/api/v1/config/views/quiet", viewer(), null)).get("revision").asLong();
		long started = System.nanoTime();
		HttpResponse<String> watch = send("GET", "/api/v1/config/views/quiet/watch?revision=" + current, viewer(),
				null);
		assertThat(watch.statusCode()).isEqualTo(304);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
	}

	@Test
	void watchWhenItsViewChangesThenWokenWithTheNewView() throws Exception {
		String token = viewer();
		long current = json(send("GET", "/api/v1/config/views/sleepy", token, null)).get("revision").asLong();
		CompletableFuture<HttpResponse<String>> watch = sendAsync(
				"/api/v1/config/views/sleepy/watch?revision=" + current, token);
		CompletableFuture<HttpResponse<String>> unrelated = sendAsync(
				"/api/v1/config/views/bystander/watch?revision=" + current, token);
		send("PUT", properties("sleepy", "default") + "/sleepy.level", admin(), "{\"value\":\"awake\"}", "If-Match",
				"\"0\"");
		HttpResponse<String> woken = watch.get(5, TimeUnit.SECONDS);
		assertThat(woken.statusCode()).isEqualTo(200);
		assertThat(json(woken).get("properties").get("sleepy.level").asString()).isEqualTo("awake");
		assertThat(unrelated.get(5, TimeUnit.SECONDS).statusCode()).as("a view the write did not touch").isEqualTo(304);
	}

	@Test
	void watchOnApplicationChangeWakesEveryService() throws Exception {
		String token = viewer();
		long current = json(send("GET", "/api/v1/config/views/svc-a", token, null)).get("revision").asLong();
		CompletableFuture<HttpResponse<String>> watch = sendAsync(
				"/api/v1/config/views/svc-a/watch?revision=" + current, token);
		long appRevision = json(send("GET", properties("application", "default"), admin(), null)).get("revision")
			.asLong();
		send("PUT", properties("application", "default") + "/everyone.hears", admin(), "{\"value\":\"this\"}",
				"If-Match", "\"" + appRevision + "\"");
		await().atMost(Duration.ofSeconds(5)).until(watch::isDone);
		assertThat(json(watch.get()).get("properties").get("everyone.hears").asString()).isEqualTo("this");
	}

	@Test
	void oneWriteWakesWatchersEachWithTheSecretsTheyMaySee() throws Exception {
		String viewer = viewer();
		String admin = admin();
		long current = json(send("GET", "/api/v1/config/views/vault", viewer, null)).get("revision").asLong();
		CompletableFuture<HttpResponse<String>> viewerWatch = sendAsync(
				"/api/v1/config/views/vault/watch?revision=" + current, viewer);
		CompletableFuture<HttpResponse<String>> adminWatch = sendAsync(
				"/api/v1/config/views/vault/watch?revision=" + current, admin);
		CompletableFuture<HttpResponse<String>> secondViewerWatch = sendAsync(
				"/api/v1/config/views/vault/watch?revision=" + current, viewer);
		send("PUT", properties("vault", "default") + "/vault.key", admin,
				"{\"value\":\"open-sesame-42\",\"secret\":true}", "If-Match", "\"0\"");
		HttpResponse<String> forAdmin = adminWatch.get(5, TimeUnit.SECONDS);
		HttpResponse<String> forViewer = viewerWatch.get(5, TimeUnit.SECONDS);
		assertThat(forAdmin.statusCode()).isEqualTo(200);
		assertThat(forAdmin.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(json(forAdmin).get("properties").get("vault.key").asString()).isEqualTo("open-sesame-42");
		assertThat(forViewer.statusCode()).isEqualTo(200);
		assertThat(forViewer.body()).doesNotContain("open-sesame-42");
		assertThat(json(forViewer).get("secrets").get(0).asString()).isEqualTo("vault.key");
		assertThat(forViewer.headers().firstValue("ETag")).isEqualTo(forAdmin.headers().firstValue("ETag"));
		assertThat(secondViewerWatch.get(5, TimeUnit.SECONDS).body()).isEqualTo(forViewer.body());
	}

}
