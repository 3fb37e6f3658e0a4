package dev.corelake.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.corelake.lake.Lake;
import dev.corelake.lake.Staging;
import dev.corelake.platform.test.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
import static org.awaitility.Awaitility.await;

/**
 * Scheduled retention and the scheduled sweeper (with removal switched on) against a real
 * HDFS: a NameNode and a DataNode in this JVM. What is due goes by itself; what is live
 * or retained stays; a lake that stops answering is a 503 problem, not a 500.
 *
 * @author Corelake
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:catalog-hdfs;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
		"management.server.port=0", "corelake.platform.security.enabled=false",
		"corelake.catalog.retention.enabled=true", "corelake.catalog.retention.interval=300ms",
		"corelake.catalog.retention.initial-delay=0s", "corelake.catalog.sweeper.enabled=true",
		"corelake.catalog.sweeper.interval=300ms", "corelake.catalog.sweeper.initial-delay=0s",
		"corelake.catalog.sweeper.delete=true",
		// fail fast once the cluster is stopped instead of retrying the connection
		"corelake.lake.hadoop[ipc.client.connect.max.retries]=0",
		"corelake.lake.hadoop[ipc.client.connect.max.retries.on.timeouts]=0",
		"corelake.lake.hadoop[dfs.client.retry.policy.enabled]=false" })
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HdfsLakeSweepTests {

	private static final Instant T0 = Instant.parse("2026-02-01T08:00:00Z");

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path clusterDir;

	static MiniDFSCluster cluster;

	@LocalServerPort
	private int port;

	@Autowired
	private Lake lake;

	@Autowired
	private MutableClock clock;

	@Autowired
	private MeterRegistry meters;

	@BeforeAll
	static void startCluster() throws IOException {
		cluster = new MiniDFSCluster.Builder(new Configuration(), clusterDir.toFile()).numDataNodes(1).build();
		cluster.waitActive();
	}

	@AfterAll
	static void stopCluster() {
		cluster.shutdown(true);
	}

	@DynamicPropertySource
	static void lakeOnHdfs(DynamicPropertyRegistry registry) {
		registry.add("corelake.lake.uri", () -> cluster.getURI() + "/corelake");
	}

	@Test
	@Order(1)
	void scheduledRunsRemoveExpiredVersionsAndOldOrphansButNothingLiveOrRetained() throws Exception {
		assertThat(this.lake.uri().getScheme()).isEqualTo("hdfs");
		assertThat(post("/api/v1/datasets", "{\"name\":\"hdfs-kept\",\"retention\":{\"keepLast\":1}}").statusCode())
			.isEqualTo(201);
		String v1 = commit("hdfs-kept", "v1");
		String v2 = commit("hdfs-kept", "v2");
		register("hdfs-kept", v1, "sync-run:1");
		register("hdfs-kept", v2, "sync-run:2");
		String orphan = commit("hdfs-orphan", "v1");
		Staging dead = this.lake.stage("compute", "dead-run");
		write(dead.file("part-0.parquet"));
		Staging live;
		try (Lake producer = Lake.open(this.lake.uri(), Map.of(),
				Clock.fixed(T0.plus(Duration.ofHours(10)), ZoneOffset.UTC))) {
			// a producer whose last heartbeat is later than the sweeper's now
			live = producer.stage("sync", "live-run");
			write(live.file("part-0.parquet"));
		}
		this.clock.advance(Duration.ofHours(2));

		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			assertThat(exists(v1)).as("expired by retention").isFalse();
			assertThat(exists(orphan)).as("unregistered, older than grace").isFalse();
			assertThat(this.lake.fileSystem().exists(dead.dir())).as("dead staging, older than grace").isFalse();
		});
		assertThat(exists(v2)).as("the retained newest version").isTrue();
		assertThat(this.lake.fileSystem().exists(live.file("part-0.parquet"))).as("a live staging area").isTrue();
		assertThat(this.meters.get("corelake.lake.orphans.removed").tag("kind", "staging").counter().count())
			.isGreaterThanOrEqualTo(1);
		Map<String, Object> first = read(get("/api/v1/datasets/hdfs-kept/versions/1"));
		assertThat(first.get("expiredAt")).isNotNull();
		Map<String, Object> report = read(get("/api/v1/lake/orphans"));
		assertThat(report).containsEntry("lake", this.lake.uri().toString()).containsEntry("orphans", List.of());
	}

	@Test
	@Order(2)
	void lakeDownThenServiceUnavailableProblem() throws Exception {
		cluster.shutdown();
		HttpResponse<String> answer = get("/api/v1/lake/orphans");
		assertThatProblem(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(null), answer.body())
			.isConformant()
			.hasStatus(503)
			.hasCode("LAKE_UNAVAILABLE");
		assertThat(read(answer)).containsEntry("retryable", true);
	}

	private String commit(String dataset, String versionId) throws IOException {
		Staging staging = this.lake.stage("sync", dataset + "-" + versionId);
		write(staging.file("part-00000.parquet"));
		this.lake.commit(staging, dataset, versionId);
		return this.lake.locationOf(dataset, versionId).toString();
	}

	private boolean exists(String location) throws IOException {
		return this.lake.fileSystem().exists(this.lake.resolve(URI.create(location)));
	}

	private void write(org.apache.hadoop.fs.Path file) throws IOException {
		try (OutputStream out = this.lake.fileSystem().create(file, true)) {
			out.write("rows".getBytes(StandardCharsets.UTF_8));
		}
	}

	private void register(String dataset, String location, String producedBy) throws Exception {
		HttpResponse<String> answer = post("/api/v1/datasets/" + dataset + "/versions",
				JSON.writeValueAsString(Map.of("location", location, "format", "PARQUET", "schema",
						List.of(Map.of("name", "id", "type", "bigint", "nullable", false)), "rowCount", 1, "bytes", 4,
						"producedBy", producedBy)));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(60))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> read(HttpResponse<String> answer) {
		return JSON.readValue(answer.body(), Map.class);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ClockConfiguration {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(T0);
		}

	}

}
