package dev.corelake.catalog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.corelake.platform.security.test.TestJwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.corelake.errors.test.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registration with inputs and sources, its idempotency for retrying producers, and the
 * lineage graph with real tokens: what each caller sees, and that nothing of a dataset a
 * caller may not read leaks into its graph.
 *
 * @author Corelake
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:catalog-lineage;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
		"management.server.port=0" })
@DirtiesContext
class LineageApiTests {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private static TestJwtIssuer issuer;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void startIssuer() {
		issuer = TestJwtIssuer.start();
	}

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	@DynamicPropertySource
	static void authUrl(DynamicPropertyRegistry registry) {
		registry.add("corelake.platform.security.auth-url", () -> issuer.authUrl().toString());
	}

	// --- idempotent registration

	@Test
	void registerWhenRetriedWithTheSameProducerAndLocationThen200AndTheSameVersion() throws Exception {
		String admin = admin();
		String name = create(admin, "retry");
		Map<String, Object> body = version(name, "sync-run:12");
		HttpResponse<String> first = send("POST", versions(name), admin, json(body));
		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		HttpResponse<String> again = send("POST", versions(name), admin, json(body));
		assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
		assertThat(again.headers().firstValue("Location")).hasValue("/api/v1/datasets/" + name + "/versions/1");
		assertThat(read(again)).containsEntry("version", 1).containsEntry("producedBy", "sync-run:12");
		assertThat(read(send("GET", "/api/v1/datasets/" + name, admin, null))).containsEntry("latestVersion", 1);
	}

	@Test
	void registerWhenOnlyTheProducerOrOnlyTheLocationMatchesThenConflictAndNothingCreated() throws Exception {
		String admin = admin();
		String name = create(admin, "claim");
		Map<String, Object> registered = version(name, "sync-run:1");
		assertThat(send("POST", versions(name), admin, json(registered)).statusCode()).isEqualTo(201);

		Map<String, Object> sameProducerElsewhere = version(name, "sync-run:1");
		Map<String, Object> sameLocationOtherProducer = version(name, "sync-run:2");
		sameLocationOtherProducer.put("location", registered.get("location"));
		for (Map<String, Object> body : List.of(sameProducerElsewhere, sameLocationOtherProducer)) {
			HttpResponse<String> answer = send("POST", versions(name), admin, json(body));
			assertProblem(answer, 409, "VERSION_REGISTRATION_CONFLICT");
			assertThat(read(answer)).containsEntry("version", 1);
		}
		assertThat(read(send("GET", "/api/v1/datasets/" + name, admin, null))).containsEntry("latestVersion", 1);
	}

	@Test
	void registerWhenTheSameVersionArrivesConcurrentlyThenOneIsCreatedAndTheOthersGetIt() throws Exception {
		String admin = admin();
		String name = create(admin, "race");
		String body = json(version(name, "compute-job:77"));
		ExecutorService executor = Executors.newFixedThreadPool(4);
		List<HttpResponse<String>> answers = new ArrayList<>();
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<HttpResponse<String>>> futures = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				futures.add(executor.submit(() -> {
					start.await();
					return send("POST", versions(name), admin, body);
				}));
			}
			start.countDown();
			for (Future<HttpResponse<String>> future : futures) {
				answers.add(future.get(60, TimeUnit.SECONDS));
			}
		}
		finally {
			executor.shutdownNow();
			assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200, 201);
		assertThat(answers).filteredOn((answer) -> answer.statusCode() == 201).hasSize(1);
		assertThat(answers).allSatisfy((answer) -> assertThat(read(answer)).containsEntry("version", 1));
		assertThat(read(send("GET", versions(name), admin, null))).containsEntry("totalItems", 1);
	}

	// --- inputs and sources: bad input

	@Test
	void registerWhenAnInputIsMissingOrInvisibleThenTheSame400AndNothingStored() throws Exception {
		String alice = issuer.token("alice", "DATA_ENGINEER");
		String bob = issuer.token("bob", "DATA_ENGINEER");
		String bobs = create(bob, "bobs");
		send("POST", versions(bobs), bob, json(version(bobs, "sync-run:5")));
		String mine = create(alice, "mine");

		for (Map<String, Object> input : List.of(input(bobs, 1), input("no-such-dataset", 1), input(mine, 1))) {
			Map<String, Object> body = version(mine, "compute-job:1");
			body.put("inputs", List.of(input));
			HttpResponse<String> answer = send("POST", versions(mine), alice, json(body));
			assertProblem(answer, 400, "INPUT_VERSION_NOT_FOUND");
			assertThat(answer.body()).doesNotContain("owner").doesNotContain("bob\"");
		}
		assertThat(read(send("GET", "/api/v1/datasets/" + mine, alice, null))).containsEntry("latestVersion", 0);
	}

	@Test
	void registerWhenInputsOrSourceAreMalformedThen400NamingTheField() throws Exception {
		String admin = admin();
		String name = create(admin, "strict");
		Map<String, String> cases = new LinkedHashMap<>();
		cases.put("inputs[0].dataset", "\"inputs\":[{\"dataset\":\"../etc\",\"version\":1}]");
		cases.put("inputs[0].version", "\"inputs\":[{\"dataset\":\"x\",\"version\":0}]");
		cases.put("inputs[0]", "\"inputs\":[null]");
		cases.put("inputs",
				"\"inputs\":[" + String.join(",", Collections.nCopies(101, "{\"dataset\":\"x\",\"version\":1}")) + "]");
		cases.put("source.kind", "\"source\":{\"kind\":\"ftp\",\"name\":\"s\"}");
		cases.put("source.name", "\"source\":{\"kind\":\"jdbc\"}");
		cases.put("source.detail",
				"\"source\":{\"kind\":\"url\",\"name\":\"s\",\"detail\":\"https://user:secret@host/file.csv\"}");
		cases.put("source.detail ", "\"source\":{\"kind\":\"jdbc\",\"name\":\"s\",\"detail\":\"db?password=hunter2\"}");
		for (Map.Entry<String, String> entry : cases.entrySet()) {
			String body = json(version(name, "sync-run:3"));
			body = body.substring(0, body.length() - 1) + "," + entry.getValue() + "}";
			HttpResponse<String> answer = send("POST", versions(name), admin, body);
			assertProblem(answer, 400, "VALIDATION_FAILED");
			assertThat(answer.body()).as(entry.getKey()).contains("\"" + entry.getKey().trim() + "\"");
		}
		HttpResponse<String> wrongType = send("POST", versions(name), admin,
				"{\"location\":\"file:/lake/x\",\"format\":\"PARQUET\",\"schema\":[],\"rowCount\":1,\"bytes\":1,\"inputs\":\"raw@1\"}");
		assertProblem(wrongType, 400, "MALFORMED_REQUEST");
		HttpResponse<String> unknownMember = send("POST", versions(name), admin,
				"{\"location\":\"file:/lake/x\",\"format\":\"PARQUET\",\"schema\":[],\"rowCount\":1,\"bytes\":1,\"source\":{\"kind\":\"csv\",\"name\":\"s\",\"password\":\"x\"}}");
		assertProblem(unknownMember, 400, "MALFORMED_REQUEST");
		assertThat(read(send("GET", "/api/v1/datasets/" + name, admin, null))).containsEntry("latestVersion", 0);
	}

	// --- lineage

	@Test
	void lineageWhenEverythingIsVisibleThenVersionsProducersSourcesAndEdgesInBothDirections() throws Exception {
		String admin = admin();
		String raw = create(admin, "raw");
		String clean = create(admin, "clean");
		String report = create(admin, "report");
		Map<String, Object> rawVersion = version(raw, "sync-run:12");
		rawVersion.put("source", Map.of("kind", "jdbc", "name", "pg-main", "detail", "public.orders"));
		assertThat(send("POST", versions(raw), admin, json(rawVersion)).statusCode()).isEqualTo(201);
		Map<String, Object> cleanVersion = version(clean, "compute-job:7");
		cleanVersion.put("inputs", List.of(input(raw, 1)));
		assertThat(send("POST", versions(clean), admin, json(cleanVersion)).statusCode()).isEqualTo(201);
		Map<String, Object> reportVersion = version(report, null);
		reportVersion.put("inputs", List.of(input(clean, 1), input(raw, 1)));
		assertThat(send("POST", versions(report), admin, json(reportVersion)).statusCode()).isEqualTo(201);

		Map<String, Object> version = read(send("GET", versions(report) + "/1", admin, null));
		assertThat(version.get("inputs")).isEqualTo(List.of(input(clean, 1), input(raw, 1)));
		assertThat(read(send("GET", versions(raw) + "/1", admin, null)).get("source"))
			.isEqualTo(Map.of("kind", "jdbc", "name", "pg-main", "detail", "public.orders"));

		Map<String, Object> up = read(send("GET", lineage(report, "upstream", 3), admin, null));
		assertThat(nodeIds(up)).containsExactlyInAnyOrder("version:" + report + "@1", "version:" + clean + "@1",
				"producer:compute-job:7", "version:" + raw + "@1", "producer:sync-run:12",
				"source:jdbc:pg-main:public.orders");
		assertThat(edges(up)).containsExactlyInAnyOrder("version:" + clean + "@1 -input-> version:" + report + "@1",
				"version:" + raw + "@1 -input-> version:" + report + "@1",
				"producer:compute-job:7 -produced-> version:" + clean + "@1",
				"version:" + raw + "@1 -input-> producer:compute-job:7",
				"producer:sync-run:12 -produced-> version:" + raw + "@1",
				"source:jdbc:pg-main:public.orders -read-> producer:sync-run:12");
		assertThat(up).containsEntry("truncated", false).containsEntry("direction", "upstream");

		Map<String, Object> down = read(send("GET", lineage(raw, "downstream", 1), admin, null));
		assertThat(nodeIds(down)).contains("version:" + clean + "@1", "version:" + report + "@1");
		Map<String, Object> downOne = read(send("GET", lineage(raw, "downstream", 1) + "&version=1", admin, null));
		assertThat(nodeIds(downOne)).contains("version:" + report + "@1");
		Map<String, Object> fromClean = read(send("GET", lineage(clean, "downstream", 1), admin, null));
		assertThat(nodeIds(fromClean)).contains("version:" + report + "@1").doesNotContain("version:" + raw + "@1");
		Map<String, Object> both = read(send("GET", lineage(clean, "both", 1), admin, null));
		assertThat(nodeIds(both)).contains("version:" + raw + "@1", "version:" + report + "@1");
	}

	@Test
	void lineageWhenInputsAreInvisibleThenHiddenNodesThatNameNothing() throws Exception {
		String admin = admin();
		String alice = issuer.token("alice", "DATA_ENGINEER");
		String carol = issuer.token("carol", "DATA_SCIENTIST");
		String secret = create(alice, "secret");
		Map<String, Object> secretVersion = version(secret, "sync-run:99");
		secretVersion.put("source", Map.of("kind", "jdbc", "name", "hr-db", "detail", "salaries"));
		send("POST", versions(secret), alice, json(secretVersion));
		String shared = create(admin, "shared");
		Map<String, Object> sharedVersion = version(shared, "compute-job:3");
		sharedVersion.put("inputs", List.of(input(secret, 1)));
		assertThat(send("POST", versions(shared), admin, json(sharedVersion)).statusCode()).isEqualTo(201);
		send("PUT", "/api/v1/datasets/" + shared + "/readers/carol", admin, null);

		HttpResponse<String> seen = send("GET", lineage(shared, "both", 5), carol, null);
		assertThat(seen.statusCode()).as(seen.body()).isEqualTo(200);
		Map<String, Object> graph = read(seen);
		assertThat(nodeIds(graph)).containsExactlyInAnyOrder("version:" + shared + "@1", "producer:compute-job:3",
				"hidden:1");
		assertThat(edges(graph)).contains("hidden:1 -input-> producer:compute-job:3");
		assertThat(seen.body()).doesNotContain(secret)
			.doesNotContain("sync-run:99")
			.doesNotContain("hr-db")
			.doesNotContain("salaries");
		assertThat(read(send("GET", versions(shared) + "/1", carol, null)).get("inputs"))
			.as("the version's own inputs name what the reader may not see; documented: inputs are part of the version")
			.isNotNull();

		HttpResponse<String> fromSecret = send("GET", lineage(secret, "downstream", 2), alice, null);
		assertThat(nodeIds(read(fromSecret))).containsExactlyInAnyOrder("version:" + secret + "@1",
				"producer:sync-run:99", "source:jdbc:hr-db:salaries", "hidden:1");
		assertThat(fromSecret.body()).doesNotContain(shared).doesNotContain("compute-job:3");

		assertProblem(send("GET", lineage(secret, "both", 1), carol, null), 404, "DATASET_NOT_FOUND");
	}

	@Test
	void lineageWhenParametersAreBadThen4xxProblem() throws Exception {
		String admin = admin();
		String name = create(admin, "params");
		String base = "/api/v1/datasets/" + name + "/lineage";
		assertProblem(send("GET", base + "?direction=sideways", admin, null), 400, "VALIDATION_FAILED");
		assertProblem(send("GET", base + "?depth=0", admin, null), 400, "VALIDATION_FAILED");
		assertProblem(send("GET", base + "?depth=11", admin, null), 400, "VALIDATION_FAILED");
		assertProblem(send("GET", base + "?depth=deep", admin, null), 400, "INVALID_PARAMETER");
		assertProblem(send("GET", base + "?version=7", admin, null), 404, "DATASET_VERSION_NOT_FOUND");
		assertProblem(send("GET", "/api/v1/datasets/Bad..Name/lineage", admin, null), 400, "VALIDATION_FAILED");
		assertProblem(send("GET", "/api/v1/datasets/no-such/lineage", admin, null), 404, "DATASET_NOT_FOUND");
		assertProblem(send("GET", base, null, null), 401, "AUTHENTICATION_REQUIRED");
		Map<String, Object> empty = read(send("GET", base, admin, null));
		assertThat(empty).containsEntry("nodes", List.of()).containsEntry("edges", List.of()).containsEntry("depth", 3);
	}

	// --- helpers

	private static String admin() {
		return issuer.token("root", "ADMIN");
	}

	private String create(String token, String base) throws Exception {
		String name = base + "-" + SEQUENCE.incrementAndGet();
		HttpResponse<String> created = send("POST", "/api/v1/datasets", token, "{\"name\":\"" + name + "\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return name;
	}

	private static String versions(String name) {
		return "/api/v1/datasets/" + name + "/versions";
	}

	private static String lineage(String name, String direction, int depth) {
		return "/api/v1/datasets/" + name + "/lineage?direction=" + direction + "&depth=" + depth;
	}

	private static Map<String, Object> version(String dataset, String producedBy) {
		Map<String, Object> version = new LinkedHashMap<>();
		version.put("location", "file:/lake/datasets/" + dataset + "/" + SEQUENCE.incrementAndGet());
		version.put("format", "PARQUET");
		version.put("schema", List.of(Map.of("name", "id", "type", "bigint", "nullable", false)));
		version.put("rowCount", 10);
		version.put("bytes", 100);
		if (producedBy != null) {
			version.put("producedBy", producedBy);
		}
		return version;
	}

	private static Map<String, Object> input(String dataset, int version) {
		return Map.of("dataset", dataset, "version", version);
	}

	@SuppressWarnings("unchecked")
	private static List<String> nodeIds(Map<String, Object> graph) {
		return ((List<Map<String, Object>>) graph.get("nodes")).stream()
			.map((node) -> (String) node.get("id"))
			.toList();
	}

	@SuppressWarnings("unchecked")
	private static List<String> edges(Map<String, Object> graph) {
		return ((List<Map<String, Object>>) graph.get("edges")).stream()
			.map((edge) -> edge.get("from") + " -" + edge.get("kind") + "-> " + edge.get("to"))
			.toList();
	}

	private static void assertProblem(HttpResponse<String> answer, int status, String code) {
		assertThatProblem(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(null), answer.body())
			.isConformant()
			.hasStatus(status)
			.hasCode(code);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> read(HttpResponse<String> answer) {
		return JSON.readValue(answer.body(), Map.class);
	}

	private static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	private HttpResponse<String> send(String method, String path, String token, String json)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(20))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
