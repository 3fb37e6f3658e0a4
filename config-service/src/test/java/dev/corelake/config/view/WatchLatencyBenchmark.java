package dev.corelake.config.view;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import dev.corelake.config.ConfigServiceApplication;
import dev.corelake.platform.security.test.TestJwtIssuer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publish-to-delivered latency of watches: {@value #WATCHERS} long-poll watchers, a
 * write, and the time until each watcher holds the new view; on one replica, and with the
 * watchers spread over two replicas on one PostgreSQL while writes go to the first. Not
 * part of the build ({@code *Benchmark}, not {@code *Tests}); run with <pre>
 * mvn -B -o test -pl config-service -Dtest=WatchLatencyBenchmark -Djacoco.skip=true -Dspring-javaformat.skip=true
 * </pre> Results are printed (lines starting with {@code BENCH}); timings gate nothing.
 *
 * @author Corelake
 */
class WatchLatencyBenchmark {

	static final int WATCHERS = Integer.getInteger("bench.watchers", 1000);

	static final int ROUNDS = Integer.getInteger("bench.rounds", 20);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final List<WatchHub> hubs = new ArrayList<>();

	@Test
	void publishToDeliveredLatency() throws Exception {
		Path keys = Files.createTempDirectory("config-bench");
		try (TestJwtIssuer issuer = TestJwtIssuer.start(); EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
			ConfigurableApplicationContext a = start(postgres, issuer, keys);
			ConfigurableApplicationContext b = start(postgres, issuer, keys);
			try {
				String admin = issuer.token("bench", "ADMIN");
				String reader = issuer.token("watcher", "VIEWER");
				int portA = port(a);
				int portB = port(b);
				run("one replica", admin, reader, portA, new int[] { portA });
				run("two replicas", admin, reader, portA, new int[] { portA, portB });
			}
			finally {
				a.close();
				b.close();
			}
		}
	}

	private void run(String label, String admin, String reader, int writePort, int[] watchPorts) throws Exception {
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		for (int round = 0; round < ROUNDS; round++) {
			long revision = revision(writePort, reader);
			ConcurrentLinkedQueue<Long> delivered = new ConcurrentLinkedQueue<>();
			List<CompletableFuture<HttpResponse<String>>> watches = new ArrayList<>();
			for (int i = 0; i < WATCHERS; i++) {
				int port = watchPorts[i % watchPorts.length];
				watches.add(this.http
					.sendAsync(get(port, "/api/v1/config/views/bench-service/watch?revision=" + revision, reader),
							HttpResponse.BodyHandlers.ofString())
					.whenComplete((response, error) -> delivered.add(System.nanoTime())));
			}
			// let every watch reach the server and be parked before publishing
			waitParked();
			long published = System.nanoTime();
			HttpResponse<String> write = this.http.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + writePort
						+ "/api/v1/config/namespaces/bench-service/profiles/default/properties/bench.value"))
				.header("Authorization", "Bearer " + admin)
				.header("Content-Type", "application/json")
				.header("If-Match", "\"" + revisionOfScope(writePort, reader) + "\"")
				.PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"" + round + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(write.statusCode()).isEqualTo(200);
			CompletableFuture.allOf(watches.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
			for (CompletableFuture<HttpResponse<String>> watch : watches) {
				assertThat(watch.get().statusCode()).isEqualTo(200);
			}
			delivered.forEach((at) -> latencies.add(Math.max(0, at - published)));
		}
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		org.slf4j.LoggerFactory.getLogger(WatchLatencyBenchmark.class)
			.info(String.format("BENCH %s: watchers=%d rounds=%d deliveries=%d p50=%.1f ms p99=%.1f ms max=%.1f ms",
					label, WATCHERS, ROUNDS, sorted.size(), percentile(sorted, 50), percentile(sorted, 99),
					sorted.get(sorted.size() - 1) / 1e6));
	}

	/**
	 * Waits (bounded) until the replicas hold every watch, so the write finds them
	 * parked.
	 */
	private void waitParked() {
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(30))
			.pollInterval(java.time.Duration.ofMillis(10))
			.until(() -> this.hubs.stream().mapToInt(WatchHub::size).sum() >= WATCHERS);
	}

	private static double percentile(List<Long> sorted, int p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index)) / 1e6;
	}

	private long revision(int port, String token) throws IOException, InterruptedException {
		String body = this.http
			.send(get(port, "/api/v1/config/views/bench-service", token), HttpResponse.BodyHandlers.ofString())
			.body();
		return Long.parseLong(body.replaceAll(".*\"revision\":(\\d+).*", "$1"));
	}

	private long revisionOfScope(int port, String token) throws IOException, InterruptedException {
		String body = this.http
			.send(get(port, "/api/v1/config/namespaces/bench-service/profiles/default/properties", token),
					HttpResponse.BodyHandlers.ofString())
			.body();
		return Long.parseLong(body.replaceAll(".*\"revision\":(\\d+).*", "$1"));
	}

	private static HttpRequest get(int port, String path, String token) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + token)
			.build();
	}

	private static int port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private ConfigurableApplicationContext start(EmbeddedPostgres postgres, TestJwtIssuer issuer, Path keys) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ConfigServiceApplication.class).run(
				"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
				"--spring.datasource.username=postgres", "--spring.datasource.password=postgres", "--server.port=0",
				"--management.server.port=0", "--corelake.platform.security.auth-url=" + issuer.authUrl(),
				"--corelake.config.secrets.key-file=" + keys.resolve("secrets.key"),
				"--corelake.config.watch.timeout=30s", "--logging.level.root=WARN",
				"--logging.level.dev.corelake.config.view.WatchLatencyBenchmark=INFO");
		this.hubs.add(context.getBean(WatchHub.class));
		return context;
	}

}
