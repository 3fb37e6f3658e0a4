package dev.corelake.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Online prediction throughput and latency of ai-model-service called directly over
 * loopback HTTP, against the same warm PipelineModel's {@code transform} on plain Spark
 * in the same JVM (opt in: not a {@code *Tests} class, so {@code mvn verify} skips it;
 * {@code bench/models.sh} runs it). For the churn classifier (StringIndexer,
 * OneHotEncoder, VectorAssembler, LogisticRegression, IndexToString): single-row and
 * 100-row requests, one caller (p50/p99 latency) and four concurrent callers (requests
 * per second). Results go to the log and {@code target/model-benchmark.md}.
 *
 * @author Corelake
 */
class ModelServingBenchmark extends AbstractModelTests {

	private static final Logger logger = LoggerFactory.getLogger(ModelServingBenchmark.class);

	private static final int CALLS = Integer.getInteger("corelake.bench.calls", 400);

	@Test
	void predictThroughputAndLatencyAgainstPlainSpark() throws Exception {
		ModelArtifacts.Artifact artifact = artifacts().classifier("bench", 1, 11);
		register(api(), "bench", artifact);
		assertThat(api().put("/api/v1/models/bench/aliases/champion", Map.of("version", 1), null).status())
			.isEqualTo(200);
		List<Map<String, Object>> hundred = new ArrayList<>();
		List<Row> hundredRows = new ArrayList<>();
		String[] plans = { "basic", "pro", "team" };
		for (int i = 0; i < 100; i++) {
			hundred.add(Map.of("age", 20 + i % 50, "income", 20_000.0 + 700 * i, "plan", plans[i % 3]));
			hundredRows.add(RowFactory.create(20 + i % 50, 20_000.0 + 700 * i, plans[i % 3]));
		}
		Map<String, Object> one = Map.of("alias", "champion", "rows", hundred.subList(0, 1));
		Map<String, Object> many = Map.of("alias", "champion", "rows", hundred);
		Supplier<Object> serviceOne = () -> call(one);
		Supplier<Object> serviceMany = () -> call(many);
		Supplier<Object> sparkOne = () -> artifacts().transform(artifact.pipeline(), ModelArtifacts.CHURN,
				hundredRows.subList(0, 1));
		Supplier<Object> sparkMany = () -> artifacts().transform(artifact.pipeline(), ModelArtifacts.CHURN,
				hundredRows);
		// warm up both paths
		for (int i = 0; i < 100; i++) {
			serviceOne.get();
			sparkOne.get();
			serviceMany.get();
			sparkMany.get();
		}
		StringBuilder table = new StringBuilder();
		table.append("| Measure | ai-model-service (HTTP, direct) | plain Spark transform (same JVM) | ratio |\n")
			.append("|---|---|---|---|\n");
		row(table, "1 row, one caller, p50", latency(serviceOne, 50), latency(sparkOne, 50), "ms");
		row(table, "1 row, one caller, p99", latency(serviceOne, 99), latency(sparkOne, 99), "ms");
		row(table, "100 rows, one caller, p50", latency(serviceMany, 50), latency(sparkMany, 50), "ms");
		row(table, "100 rows, one caller, p99", latency(serviceMany, 99), latency(sparkMany, 99), "ms");
		row(table, "1 row, 4 callers, requests/s", throughput(serviceOne), throughput(sparkOne), "/s");
		row(table, "100 rows, 4 callers, requests/s", throughput(serviceMany), throughput(sparkMany), "/s");
		String result = "Calls per measure: " + CALLS + ", " + Runtime.getRuntime().availableProcessors()
				+ " processors, Java " + System.getProperty("java.version") + "\n\n" + table;
		logger.info("Model serving benchmark\n{}", result);
		Files.writeString(Path.of("target", "model-benchmark.md"), result);
	}

	private Object call(Map<String, Object> body) {
		Api.Answer answer = api().post("/api/v1/models/bench/predict", body);
		if (answer.status() != 200) {
			throw new IllegalStateException(answer.status() + " " + answer.body());
		}
		return answer;
	}

	private static double latency(Supplier<Object> work, int percentile) {
		List<Long> nanos = new ArrayList<>(CALLS);
		for (int i = 0; i < CALLS; i++) {
			long start = System.nanoTime();
			work.get();
			nanos.add(System.nanoTime() - start);
		}
		Collections.sort(nanos);
		int index = Math.min(nanos.size() - 1, (int) Math.ceil(percentile / 100.0 * nanos.size()) - 1);
		return nanos.get(index) / 1_000_000.0;
	}

	private static double throughput(Supplier<Object> work) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			long start = System.nanoTime();
			List<Future<?>> callers = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				callers.add(pool.submit(() -> {
					for (int i = 0; i < CALLS / 4; i++) {
						work.get();
					}
				}));
			}
			for (Future<?> caller : callers) {
				caller.get(10, TimeUnit.MINUTES);
			}
			return (CALLS / 4 * 4) / ((System.nanoTime() - start) / 1e9);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void row(StringBuilder table, String measure, double service, double spark, String unit)
			throws IOException {
		table.append(String.format("| %s | %.2f %s | %.2f %s | %.2f× |%n", measure, service, unit, spark, unit,
				service / spark));
	}

}
