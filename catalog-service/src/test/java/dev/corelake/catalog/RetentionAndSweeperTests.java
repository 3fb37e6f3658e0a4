package dev.corelake.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.corelake.lake.Lake;
import dev.corelake.lake.Staging;
import dev.corelake.platform.security.test.TestJwtIssuer;
import dev.corelake.platform.test.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.corelake.errors.test.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention and the orphan sweeper on a real {@code file:} lake, through the API with
 * real tokens: what goes, and above all what never goes (the newest version, retained
 * versions, files shared or outside the datasets area, live staging areas, anything
 * younger than the grace period, anything at all unless an administrator asks).
 *
 * @author Corelake
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:catalog-retention;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
		"management.server.port=0" })
@DirtiesContext
class RetentionAndSweeperTests {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	@TempDir
	static Path lakeDir;

	private static TestJwtIssuer issuer;

	@LocalServerPort
	private int port;

	@Autowired
	private Lake lake;

	@Autowired
	private MutableClock clock;

	@Autowired
	private MeterRegistry meters;

	@BeforeAll
	static void startIssuer() {
		issuer = TestJwtIssuer.start();
	}

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		registry.add("corelake.platform.security.auth-url", () -> issuer.authUrl().toString());
		registry.add("corelake.lake.uri", () -> "file:" + lakeDir.resolve("lake"));
	}

	// --- retention

	@Test
	void retentionApplyExpiresBeyondKeepLastRemovesOnlyTheirFilesAndNeverTheNewestOrAStagingArea() throws Exception {
		String alice = issuer.token("alice", "DATA_ENGINEER");
		String name = create(alice, "kept", "{\"keepLast\":2}");
		Staging live = this.lake.stage("sync", "run-live-" + name);
		write(live.file("part-0.parquet"));
		// version 1 claims the live staging area: retention must never remove it
		register(alice, name, live.dir().toUri().toString(), "sync-run:live-" + name);
		for (int i = 2; i <= 5; i++) {
			register(alice, name, commit(name, "v" + i), "sync-run:" + name + "-" + i);
		}

		HttpResponse<String> applied = send("POST", "/api/v1/datasets/" + name + "/retention:apply", alice);
		assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
		assertThat(expired(read(applied))).containsExactly("3:REMOVED", "2:REMOVED", "1:OUTSIDE_LAKE");

		assertThat(exists(this.lake.versionPath(name, "v2"))).isFalse();
		assertThat(exists(this.lake.versionPath(name, "v3"))).isFalse();
		assertThat(exists(this.lake.versionPath(name, "v4"))).isTrue();
		assertThat(exists(this.lake.versionPath(name, "v5"))).isTrue();
		assertThat(exists(live.file("part-0.parquet"))).as("a live staging area is never touched").isTrue();

		assertThat(read(send("GET", "/api/v1/datasets/" + name + "/versions/2", alice))).containsKey("expiredAt")
			.extractingByKey("expiredAt")
			.isNotNull();
		assertThat(read(send("GET", "/api/v1/datasets/" + name + "/versions/4", alice)).get("expiredAt")).isNull();
		assertThat(read(send("GET", "/api/v1/datasets/" + name + "/retention", alice))).containsEntry("versionCount", 2)
			.containsEntry("dueForExpiry", List.of());
		assertThat(expired(read(send("POST", "/api/v1/datasets/" + name + "/retention:apply", alice))))
			.as("applying again changes nothing")
			.isEmpty();
		assertThat(this.meters.counter("corelake.catalog.retention.removed").count()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void retentionByAgeNeverExpiresTheNewestAndLeavesFilesAnotherVersionStillUses() throws Exception {
		String admin = issuer.token("root", "ADMIN");
		String aged = create(admin, "aged", "{\"days\":7}");
		String twin = create(admin, "twin", null);
		String old = commit(aged, "v1");
		String shared = commit(aged, "v2");
		register(admin, aged, old, "compute-job:" + aged + "-1");
		register(admin, aged, shared, "compute-job:" + aged + "-2");
		register(admin, twin, shared, "compute-job:" + twin + "-1");
		String newest = commit(aged, "v3");
		register(admin, aged, newest, "compute-job:" + aged + "-3");
		this.clock.advance(Duration.ofDays(8));

		Map<String, Object> result = read(send("POST", "/api/v1/datasets/" + aged + "/retention:apply", admin));
		assertThat(expired(result)).containsExactly("2:SHARED", "1:REMOVED");
		assertThat(exists(this.lake.versionPath(aged, "v1"))).isFalse();
		assertThat(exists(this.lake.versionPath(aged, "v2"))).isTrue();
		assertThat(exists(this.lake.versionPath(aged, "v3"))).as("the newest version is never expired").isTrue();
	}

	@Test
	void retentionApplyWhenNotAllowedOrBadThenProblemAndNothingExpired() throws Exception {
		String alice = issuer.token("alice", "DATA_ENGINEER");
		String bob = issuer.token("bob", "DATA_ENGINEER");
		String name = create(alice, "guarded", "{\"keepLast\":1}");
		register(alice, name, commit(name, "v1"), "sync-run:" + name + "-1");
		register(alice, name, commit(name, "v2"), "sync-run:" + name + "-2");
		assertProblem(send("POST", "/api/v1/datasets/" + name + "/retention:apply", bob), 404, "DATASET_NOT_FOUND");
		assertProblem(send("POST", "/api/v1/datasets/" + name + "/retention:apply", null), 401,
				"AUTHENTICATION_REQUIRED");
		assertProblem(send("POST", "/api/v1/datasets/no-such/retention:apply", alice), 404, "DATASET_NOT_FOUND");
		assertProblem(send("POST", "/api/v1/datasets/Bad%2Fname/retention:apply", alice), 400,
				"VALIDATION_FAILED|MALFORMED_REQUEST");
		assertProblem(send("GET", "/api/v1/datasets/" + name + "/retention:apply", alice), 405, "METHOD_NOT_ALLOWED");
		assertThat(exists(this.lake.versionPath(name, "v1"))).isTrue();
		assertThat(read(send("GET", "/api/v1/datasets/" + name + "/retention", alice))).containsEntry("dueForExpiry",
				List.of(1));
	}

	// --- orphan sweeper

	@Test
	void sweeperReportsOnlyOrphansOlderThanGraceAndRemovesThemOnlyWhenAnAdministratorAsks() throws Exception {
		String admin = issuer.token("root", "ADMIN");
		String alice = issuer.token("alice", "DATA_ENGINEER");
		String tag = "s" + SEQUENCE.incrementAndGet();
		String orphan = commit("orphan-" + tag, "v1");
		String registered = commit("kept-" + tag, "v1");
		String keptDataset = create(admin, "kept-" + tag, null);
		register(admin, keptDataset, registered, "sync-run:" + tag);
		Staging dead = this.lake.stage("compute", "dead-" + tag);
		write(dead.file("part-0.parquet"));
		org.apache.hadoop.fs.Path noLease = new org.apache.hadoop.fs.Path(this.lake.root(),
				"_staging/sync/nolease-" + tag);
		this.lake.fileSystem().mkdirs(noLease);
		this.lake.fileSystem().setTimes(noLease, this.clock.millis(), -1);
		org.apache.hadoop.fs.Path model = this.lake.modelPath("churn-" + tag, "v1");
		this.lake.fileSystem().mkdirs(model);
		this.lake.fileSystem().setTimes(model, this.clock.millis(), -1);

		this.clock.advance(Duration.ofMinutes(30));
		assertThat(orphanLocations(read(send("GET", "/api/v1/lake/orphans", admin))))
			.as("dead lease, but younger than the grace period")
			.doesNotContain(orphan, dead.dir().toUri().toString(), noLease.toUri().toString());

		this.clock.advance(Duration.ofMinutes(90));
		Staging live = this.lake.stage("sync", "live-" + tag);
		String young = commit("young-" + tag, "v1");
		HttpResponse<String> reported = send("GET", "/api/v1/lake/orphans", admin);
		assertThat(reported.statusCode()).as(reported.body()).isEqualTo(200);
		Map<String, Object> report = read(reported);
		assertThat(report).containsEntry("dryRun", true).containsEntry("grace", "PT1H");
		assertThat(orphanLocations(report)).contains(orphan, dead.dir().toUri().toString(), noLease.toUri().toString())
			.doesNotContain(registered, young, live.dir().toUri().toString(), model.toUri().toString());
		assertThat((Integer) report.get("skippedModelDirs")).isGreaterThanOrEqualTo(1);
		assertThat(this.meters.get("corelake.lake.orphans.found").tag("kind", "staging").gauge().value())
			.isGreaterThanOrEqualTo(2);
		assertThat(exists(new org.apache.hadoop.fs.Path(URI.create(orphan)))).as("a report removes nothing").isTrue();

		assertProblem(send("GET", "/api/v1/lake/orphans", alice), 403, "ACCESS_DENIED");
		assertProblem(send("POST", "/api/v1/lake/orphans:sweep", alice), 403, "ACCESS_DENIED");
		assertProblem(send("POST", "/api/v1/lake/orphans:sweep", null), 401, "AUTHENTICATION_REQUIRED");
		assertProblem(send("DELETE", "/api/v1/lake/orphans", admin), 405, "METHOD_NOT_ALLOWED");
		assertThat(exists(dead.dir())).isTrue();

		double removedBefore = this.meters.get("corelake.lake.orphans.removed")
			.tag("kind", "version")
			.counter()
			.count();
		HttpResponse<String> swept = send("POST", "/api/v1/lake/orphans:sweep", admin);
		assertThat(swept.statusCode()).as(swept.body()).isEqualTo(200);
		assertThat(read(swept)).containsEntry("dryRun", false);
		assertThat(exists(new org.apache.hadoop.fs.Path(URI.create(orphan)))).isFalse();
		assertThat(exists(dead.dir())).isFalse();
		assertThat(exists(noLease)).isFalse();
		assertThat(exists(new org.apache.hadoop.fs.Path(URI.create(registered)))).isTrue();
		assertThat(exists(new org.apache.hadoop.fs.Path(URI.create(young)))).isTrue();
		assertThat(live.exists()).isTrue();
		assertThat(exists(model)).as("models/ belongs to ai-model-service").isTrue();
		assertThat(this.meters.get("corelake.lake.orphans.removed").tag("kind", "version").counter().count())
			.isGreaterThan(removedBefore);

		this.clock.advance(Duration.ofHours(2));
		assertThat(orphanLocations(read(send("GET", "/api/v1/lake/orphans", admin))))
			.as("once old enough, an unregistered commit and a run that stopped heartbeating are orphans")
			.contains(young, live.dir().toUri().toString())
			.doesNotContain(registered);
	}

	// --- helpers

	private String create(String token, String base, String retention) throws Exception {
		String name = base.contains("-s") ? base : base + "-" + SEQUENCE.incrementAndGet();
		String body = "{\"name\":\"" + name + "\"" + ((retention != null) ? ",\"retention\":" + retention : "") + "}";
		HttpResponse<String> created = send("POST", "/api/v1/datasets", token, body);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return name;
	}

	private String commit(String dataset, String versionId) throws IOException {
		Staging staging = this.lake.stage("sync", dataset + "-" + versionId);
		write(staging.file("part-00000.parquet"));
		this.lake.commit(staging, dataset, versionId);
		return this.lake.locationOf(dataset, versionId).toString();
	}

	private void register(String token, String dataset, String location, String producedBy) throws Exception {
		Map<String, Object> version = new LinkedHashMap<>();
		version.put("location", location);
		version.put("format", "PARQUET");
		version.put("schema", List.of(Map.of("name", "id", "type", "bigint", "nullable", false)));
		version.put("rowCount", 1);
		version.put("bytes", 4);
		version.put("producedBy", producedBy);
		HttpResponse<String> answer = send("POST", "/api/v1/datasets/" + dataset + "/versions", token,
				JSON.writeValueAsString(version));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
	}

	private void write(org.apache.hadoop.fs.Path file) throws IOException {
		try (OutputStream out = this.lake.fileSystem().create(file, true)) {
			out.write("rows".getBytes(StandardCharsets.UTF_8));
		}
	}

	private boolean exists(org.apache.hadoop.fs.Path path) throws IOException {
		return this.lake.fileSystem().exists(path);
	}

	@SuppressWarnings("unchecked")
	private static List<String> expired(Map<String, Object> result) {
		return ((List<Map<String, Object>>) result.get("expired")).stream()
			.map((version) -> version.get("version") + ":" + version.get("files"))
			.toList();
	}

	@SuppressWarnings("unchecked")
	private static List<String> orphanLocations(Map<String, Object> report) {
		return ((List<Map<String, Object>>) report.get("orphans")).stream()
			.map((orphan) -> (String) orphan.get("location"))
			.toList();
	}

	private static void assertProblem(HttpResponse<String> answer, int status, String code) {
		assertThatProblem(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(null), answer.body())
			.isConformant()
			.hasStatus(status);
		assertThat(read(answer).get("code")).as(answer.body()).isIn((Object[]) code.split("\\|"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> read(HttpResponse<String> answer) {
		return JSON.readValue(answer.body(), Map.class);
	}

	private HttpResponse<String> send(String method, String path, String token)
			throws IOException, InterruptedException {
		return send(method, path, token, null);
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

	@TestConfiguration(proxyBeanMethods = false)
	static class ClockConfiguration {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
		}

	}

}
