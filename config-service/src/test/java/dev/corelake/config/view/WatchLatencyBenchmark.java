package dev.corelake.config.view;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

	/** Rounds run first and not counted: the JIT compiles the watch path meanwhile. */
	static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmup-rounds", 3);

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
		List<Long> drained = new ArrayList<>();
		long parkCpu = 0;
		long answerCpu = 0;
		String holding = "";
		for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
			boolean counted = round >= 0;
			long revision = revision(writePort, reader);
			long heapBefore = (round == 0) ? heapAfterGc() : 0;
			long cpuBeforePark = serverCpuNanos();
			RawWatches watches = RawWatches.open(watchPorts, WATCHERS,
					"/api/v1/config/views/bench-service/watch?revision=" + revision, reader);
			// let every watch reach the server and be parked before publishing
			waitParked();
			long cpuParked = serverCpuNanos();
			if (counted) {
				parkCpu += cpuParked - cpuBeforePark;
			}
			if (round == 0) {
				// what holding the watches costs: heap, and CPU over two idle seconds
				long heapHolding = heapAfterGc();
				long idleFrom = serverCpuNanos();
				Thread.sleep(2000);
				long idleCpu = serverCpuNanos() - idleFrom;
				holding = String.format(
						"; holding %d watches: heap +%.1f MiB (%.1f KiB each, the benchmark's"
								+ " own client sockets included), server CPU %.1f ms per idle second",
						WATCHERS, (heapHolding - heapBefore) / 1048576.0,
						(heapHolding - heapBefore) / 1024.0 / WATCHERS, idleCpu / 2e6);
			}
			long cpuBeforeAnswer = serverCpuNanos();
			long published = System.nanoTime();
			HttpResponse<String> write = this.http.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + writePort
						+ "/api/v1/config/namespaces/bench-service/profiles/default/properties/bench.value"))
				.header("Authorization", "Bearer " + admin)
				.header("Content-Type", "application/json")
				.header("If-Match", "\"" + revisionOfScope(writePort, reader) + "\"")
				.PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"" + (round + WARMUP_ROUNDS) + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(write.statusCode()).isEqualTo(200);
			org.awaitility.Awaitility.await()
				.atMost(java.time.Duration.ofSeconds(30))
				.pollInterval(java.time.Duration.ofMillis(2))
				.until(() -> this.hubs.stream().mapToInt(WatchHub::size).sum() == 0);
			if (counted) {
				drained.add(System.nanoTime() - published);
				answerCpu += serverCpuNanos() - cpuBeforeAnswer;
			}
			List<RawWatches.Answer> answers = watches.await(60);
			for (RawWatches.Answer answer : answers) {
				assertThat(answer.status()).isEqualTo(200);
				if (counted) {
					latencies.add(Math.max(0, answer.at() - published));
				}
			}
		}
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		Collections.sort(drained);
		org.slf4j.LoggerFactory.getLogger(WatchLatencyBenchmark.class)
			.info(String.format(
					"BENCH %s: watchers=%d rounds=%d deliveries=%d p50=%.1f ms p99=%.1f ms max=%.1f ms;"
							+ " every watch answered by the server after (median of rounds) %.1f ms;"
							+ " server CPU per round: %.0f ms to accept and park %d watches, %.0f ms to answer them%s",
					label, WATCHERS, ROUNDS, sorted.size(), percentile(sorted, 50), percentile(sorted, 99),
					sorted.get(sorted.size() - 1) / 1e6, percentile(drained, 50), parkCpu / 1e6 / ROUNDS, WATCHERS,
					answerCpu / 1e6 / ROUNDS, holding));
	}

	/**
	 * CPU time of the service's threads (Tomcat's and the watch hub's) so far, not the
	 * benchmark's own.
	 */
	private static long serverCpuNanos() {
		java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		long total = 0;
		for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && (info.getThreadName().startsWith("http-nio")
					|| info.getThreadName().equals("config-watch-hub"))) {
				total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
			}
		}
		return total;
	}

	private static long heapAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
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

	/**
	 * Long-poll watchers as raw non-blocking sockets served by one selector thread, so
	 * that what is measured is the service, not an HTTP client library's per-response
	 * work in the same two-core JVM. A watch is delivered when its whole response
	 * (headers and body, by {@code Content-Length} or the last chunk) has been read.
	 */
	static final class RawWatches {

		record Answer(int status, long at) {
		}

		private final Selector selector;

		private final List<CompletableFuture<Answer>> answers = new ArrayList<>();

		private RawWatches(Selector selector) {
			this.selector = selector;
		}

		static RawWatches open(int[] ports, int count, String pathAndQuery, String token) throws IOException {
			RawWatches watches = new RawWatches(Selector.open());
			for (int i = 0; i < count; i++) {
				int port = ports[i % ports.length];
				SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
				channel.write(ByteBuffer
					.wrap(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Bearer "
							+ token + "\r\nConnection: close\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII)));
				channel.configureBlocking(false);
				CompletableFuture<Answer> answer = new CompletableFuture<>();
				watches.answers.add(answer);
				channel.register(watches.selector, SelectionKey.OP_READ, new Reading(answer));
			}
			Thread reader = new Thread(watches::readAll, "bench-watch-reader");
			reader.setDaemon(true);
			reader.start();
			return watches;
		}

		List<Answer> await(int seconds) throws Exception {
			CompletableFuture.allOf(this.answers.toArray(CompletableFuture[]::new)).get(seconds, TimeUnit.SECONDS);
			this.selector.close();
			return this.answers.stream().map(CompletableFuture::join).toList();
		}

		private void readAll() {
			ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
			try {
				while (this.selector.isOpen()) {
					this.selector.select(100);
					if (!this.selector.isOpen()) {
						return;
					}
					for (SelectionKey key : this.selector.selectedKeys()) {
						SocketChannel channel = (SocketChannel) key.channel();
						Reading reading = (Reading) key.attachment();
						buffer.clear();
						int read = channel.read(buffer);
						if (read > 0) {
							reading.bytes.write(buffer.array(), 0, read);
						}
						if (reading.complete(read < 0)) {
							key.cancel();
							channel.close();
						}
					}
					this.selector.selectedKeys().clear();
				}
			}
			catch (IOException | java.nio.channels.ClosedSelectorException ex) {
				this.answers.forEach((answer) -> answer.completeExceptionally(ex));
			}
		}

		private static final class Reading {

			private final CompletableFuture<Answer> answer;

			private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

			Reading(CompletableFuture<Answer> answer) {
				this.answer = answer;
			}

			boolean complete(boolean closed) {
				String text = this.bytes.toString(StandardCharsets.ISO_8859_1);
				int headersEnd = text.indexOf("\r\n\r\n");
				if (headersEnd < 0) {
					if (closed) {
						this.answer.completeExceptionally(new IOException("closed before the headers: " + text));
					}
					return closed;
				}
				String headers = text.substring(0, headersEnd).toLowerCase(java.util.Locale.ROOT);
				String body = text.substring(headersEnd + 4);
				java.util.regex.Matcher length = java.util.regex.Pattern.compile("content-length: *(\\d+)")
					.matcher(headers);
				boolean done = closed || (length.find() ? body.length() >= Integer.parseInt(length.group(1))
						: !headers.contains("transfer-encoding: chunked") || body.endsWith("0\r\n\r\n"));
				if (done) {
					this.answer.complete(new Answer(Integer.parseInt(text.substring(9, 12)), System.nanoTime()));
				}
				return done;
			}

		}

	}

}
