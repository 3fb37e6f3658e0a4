package dev.corelake.compute;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.corelake.compute.spark.SharedSpark;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * compute-service's overheads against plain Spark, in one run (opt in: not a
 * {@code *Tests} class, so {@code mvn verify} skips it; {@code bench/compute.sh} runs
 * it):
 * <ul>
 * <li>submit-to-result latency of a small aggregation through the service (HTTP submit,
 * catalog resolution, staging, commit, registration, polled every 20 ms) vs. the same
 * read-aggregate-write on a warm plain SparkSession, interleaved, medians and ratio;</li>
 * <li>4 jobs submitted at once (4 slots) vs. the same 4 one after the other;</li>
 * <li>the SparkSession start time of this JVM;</li>
 * <li>the process's peak RSS (VmHWM, reset before) during a 10-million-row
 * aggregation.</li>
 * </ul>
 * Results go to the log and {@code target/compute-benchmark.md}.
 *
 * @author Corelake
 */
@ExtendWith(TestPlatform.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:compute-bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
		"management.server.port=0", "corelake.compute.local.max-concurrent-jobs=4",
		"corelake.compute.jobs.progress-flush-interval=200ms", "corelake.compute.reaper.enabled=false" })
@Import(ComputeTestSupport.ServiceTokens.class)
class ComputeBenchmark {

	private static final Logger logger = LoggerFactory.getLogger(ComputeBenchmark.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int RUNS = Integer.getInteger("corelake.bench.runs", 10);

	private static final String SMALL = "select shop, count(*) as n, sum(amount) as total from orders group by shop";

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void platform(DynamicPropertyRegistry registry) {
		ComputeTestSupport.platform(registry);
	}

	@Test
	void overheadsAgainstPlainSpark() throws Exception {
		TestPlatform platform = TestPlatform.get();
		String alice = platform.token("alice", "DATA_ENGINEER");
		SparkSession spark = platform.spark();
		String orders = platform.seed(alice, "orders", "seed-1", spark.range(0, 100_000)
			.selectExpr("id", "cast(id % 20 as int) as shop", "cast(id % 97 as double) as amount"));
		platform.seed(alice, "big", "seed-1", spark.range(0, 10_000_000)
			.selectExpr("id", "cast(id % 1000 as int) as k", "cast(id % 9973 as double) as v"));
		Path plainOut = Files.createTempDirectory("corelake-bench-plain");
		StringBuilder report = new StringBuilder();

		// warm both paths once
		runThroughService(alice, SMALL, "warm_out");
		runPlain(spark, orders, plainOut);
		List<Long> service = new ArrayList<>();
		List<Long> plain = new ArrayList<>();
		for (int i = 0; i < RUNS; i++) {
			service.add(runThroughService(alice, SMALL, "small_out"));
			plain.add(runPlain(spark, orders, plainOut));
		}
		long serviceMedian = median(service);
		long plainMedian = median(plain);
		report.append("| small aggregation, submit to result (median of ")
			.append(RUNS)
			.append(") | ")
			.append(serviceMedian)
			.append(" ms | plain Spark read+aggregate+write: ")
			.append(plainMedian)
			.append(" ms | ")
			.append(String.format("%.2f×", (double) serviceMedian / plainMedian))
			.append(" |\n");

		long sequentialStart = System.nanoTime();
		for (int i = 0; i < 4; i++) {
			runThroughService(alice, SMALL, "seq_out_" + i);
		}
		long sequential = (System.nanoTime() - sequentialStart) / 1_000_000;
		long concurrentStart = System.nanoTime();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			ids.add(submit(alice, SMALL, "conc_out_" + i));
		}
		for (String id : ids) {
			awaitSucceeded(alice, id);
		}
		long concurrent = (System.nanoTime() - concurrentStart) / 1_000_000;
		report.append("| 4 jobs submitted at once (4 slots) | ")
			.append(concurrent)
			.append(" ms | the same 4 one after the other: ")
			.append(sequential)
			.append(" ms | ")
			.append(String.format("%.2f×", (double) concurrent / sequential))
			.append(" |\n");

		report.append("| SparkSession start (this JVM, first use) | ")
			.append(SharedSpark.startMillis())
			.append(" ms | | |\n");

		long before = peakRssKib(true);
		long start = System.nanoTime();
		runThroughService(alice, "select k, count(*) as n, sum(v) as total, avg(v) as mean from big group by k",
				"big_out");
		long bigMillis = (System.nanoTime() - start) / 1_000_000;
		long peak = peakRssKib(false);
		report.append("| 10M-row aggregation, submit to result | ")
			.append(bigMillis)
			.append(" ms | peak RSS ")
			.append(peak / 1024)
			.append(" MiB (RSS before: ")
			.append(before / 1024)
			.append(" MiB; max heap ")
			.append(Runtime.getRuntime().maxMemory() / (1024 * 1024))
			.append(" MiB) | |\n");

		String table = "| Measure | compute-service | baseline (same run) | ratio |\n|---|---|---|---|\n" + report;
		logger.info("Compute benchmark (JDK {}, {} runs):\n{}", Runtime.version(), RUNS, table);
		Files.writeString(Path.of("target", "compute-benchmark.md"), table);
		assertThat(serviceMedian).isPositive();
	}

	private long runPlain(SparkSession spark, String orders, Path out) {
		long start = System.nanoTime();
		SparkSession session = spark.newSession();
		session.read().parquet(orders).createOrReplaceTempView("orders");
		session.sql(SMALL).write().mode(SaveMode.Overwrite).parquet(out.resolve("result").toUri().toString());
		return (System.nanoTime() - start) / 1_000_000;
	}

	private long runThroughService(String token, String sql, String output) {
		long start = System.nanoTime();
		awaitSucceeded(token, submit(token, sql, output));
		return (System.nanoTime() - start) / 1_000_000;
	}

	private String submit(String token, String sql, String output) {
		HttpResponse<String> response = TestPlatform.call("POST",
				"http://localhost:" + this.port + "/api/v1/compute/jobs", token,
				JSON.writeValueAsString(Map.of("sql", sql, "output", output)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return JSON.readTree(response.body()).get("id").asString();
	}

	private void awaitSucceeded(String token, String id) {
		String state = org.awaitility.Awaitility.await()
			.atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> JSON
				.readTree(TestPlatform
					.call("GET", "http://localhost:" + this.port + "/api/v1/compute/jobs/" + id, token, null)
					.body())
				.get("state")
				.asString(), (current) -> List.of("succeeded", "failed", "cancelled", "timed-out").contains(current));
		assertThat(state).isEqualTo("succeeded");
	}

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	/**
	 * Peak resident set (VmHWM) of this process in KiB, optionally reset first (Linux).
	 */
	private static long peakRssKib(boolean reset) throws IOException {
		if (reset) {
			// "5" resets the peak resident set size to the current one
			Files.writeString(Path.of("/proc/self/clear_refs"), "5");
		}
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith(reset ? "VmRSS:" : "VmHWM:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		return -1;
	}

}
