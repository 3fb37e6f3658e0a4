package dev.corelake.standalone;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ai-model-service on the whole platform ({@code bench/model-platform.sh}; opt in: not a
 * {@code *Tests} class, so {@code mvn verify} skips it). One run boots every service with
 * {@link PlatformLauncher} on random loopback ports, runs the demo's journey
 * ({@link DemoJourney}: sync {@code samples/customers.csv}, train the churn model —
 * logistic regression — promote it to {@code champion}), then measures, from a
 * {@code java.net.http} client outside the services:
 * <ul>
 * <li><b>predictions</b> — the same 1-row and 100-row requests (rows of the sample) to
 * the same model by alias, once through the gateway and once straight to
 * ai-model-service, with 1 and 4 concurrent closed-loop callers for
 * {@code corelake.bench.seconds} (4) each, {@code corelake.bench.rounds} (3) rounds in
 * alternating order after {@code corelake.bench.warmup-seconds} (12) of warm-up: requests
 * per second (median of the rounds) and p50/p99 latency (over every call of the
 * rounds);</li>
 * <li><b>training</b> — {@code corelake.bench.trainings} (3) training runs of the same
 * request through the gateway ({@code POST …/training-runs} until the run reads
 * {@code succeeded}, polled every 100 ms), alternating with the same MLlib pipeline on
 * plain Spark in this JVM ({@code SparkSession.builder().getOrCreate()} is the platform's
 * session): read the same Parquet version, drop nulls, check the classes, split with the
 * same fraction and seed, fit VectorAssembler + LogisticRegression (MLlib's defaults, as
 * the run), compute the run's five metrics, save the model. One plain fit before warms
 * the code up (the demo's run did that for the platform). Medians.</li>
 * </ul>
 * Writes {@code target/model-benchmark.md} and prints it. Timings never fail the run; it
 * fails only when a call fails or the platform does not work.
 *
 * @author Corelake
 */
class ModelPlatformBenchmark {

	private static final String ADMIN_PASSWORD = "model-bench-admin-Secret-1";

	private static final String MODELS = "/api/v1/models/" + DemoJourney.MODEL;

	private static final String LABEL = "label";

	private static final String FEATURES = "features";

	private static final Pattern FITTED = Pattern.compile("Fitted \\d+ pipeline stages in (\\d+) ms");

	private static final Duration POLL = Duration.ofMillis(100);

	@TempDir
	Path dataDir;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private String token;

	@Test
	void predictionsThroughTheGatewayAndDirectAndTrainingAgainstPlainSpark() throws Exception {
		Duration seconds = Duration.ofSeconds(Integer.getInteger("corelake.bench.seconds", 4));
		int rounds = Integer.getInteger("corelake.bench.rounds", 3);
		int trainings = Integer.getInteger("corelake.bench.trainings", 3);
		Duration warmUp = Duration.ofSeconds(Integer.getInteger("corelake.bench.warmup-seconds", 12));
		String loadAtStart = loadAverage();
		Instant startedAt = Instant.now();
		long start = System.nanoTime();
		Map<String, Object> properties = Map.of("corelake.auth.admin-password", ADMIN_PASSWORD,
				"corelake.auth.access-token-ttl", "30m", "corelake.gateway.rate-limits.groups.default.capacity",
				10_000_000, "spring.lifecycle.timeout-per-shutdown-phase", "5s", "logging.level.root", "warn");
		StringBuilder sections = new StringBuilder();
		String phases = "";
		try (PlatformLauncher.RunningPlatform platform = PlatformLauncher.start(this.dataDir, (service) -> 0,
				(service) -> 0, properties)) {
			long bootMillis = millisSince(start);
			String gateway = platform.url(PlatformLauncher.GATEWAY);
			String direct = platform.url("ai-model-service");
			long phase = System.nanoTime();
			int datasetVersion = journey(gateway);
			long journeyMillis = millisSince(phase);
			this.token = logIn(gateway);
			phase = System.nanoTime();
			sections.append(training(gateway, datasetVersion, trainings)).append('\n');
			long trainingMillis = millisSince(phase);
			phase = System.nanoTime();
			sections.append(serving(gateway, direct, seconds, rounds, warmUp));
			phases = String.format(Locale.ROOT,
					" (platform boot %.1f s, demo journey %.1f s, training %.1f s, predictions %.1f s)",
					bootMillis / 1000.0, journeyMillis / 1000.0, trainingMillis / 1000.0, millisSince(phase) / 1000.0);
		}
		finally {
			// what was measured is kept even when a later part fails
			String page = String.format(Locale.ROOT,
					"## ai-model-service on the platform: predictions through the gateway and direct, training "
							+ "against plain Spark%n%nRun %s, JDK %s, %d processors, max heap %d MiB; load average "
							+ "(1/5/15 min) at start %s, at end %s; whole run %.0f s%s.%n%n%s",
					startedAt, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
					Runtime.getRuntime().maxMemory() >> 20, loadAtStart, loadAverage(), millisSince(start) / 1000.0,
					phases, sections);
			Files.createDirectories(Path.of("target"));
			Files.writeString(Path.of("target", "model-benchmark.md"), page, StandardCharsets.UTF_8);
			System.out.println(page);
		}
	}

	/**
	 * The demo's journey through the gateway: every step must pass (the model steps
	 * included).
	 * @return the synced version of {@code customers}
	 */
	private int journey(String gateway) {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		List<DemoJourney.Step> steps;
		try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
			steps = new DemoJourney(gateway, "admin", ADMIN_PASSWORD, Path.of("..", "samples"),
					this.dataDir.resolve("inbox"), out, Duration.ofMinutes(3))
				.run();
		}
		String transcript = printed.toString(StandardCharsets.UTF_8);
		for (DemoJourney.Step step : steps) {
			assertThat(step.outcome()).as("%s: %s%n%s", step.name(), step.detail(), transcript)
				.isEqualTo(DemoJourney.Outcome.PASSED);
		}
		System.out.print(DemoJourney.report(steps));
		String synced = steps.stream()
			.filter((step) -> step.name().equals("sync the sample dataset"))
			.findFirst()
			.orElseThrow()
			.detail();
		Matcher version = Pattern.compile("customers@(\\d+)").matcher(synced);
		assertThat(version.find()).as(synced).isTrue();
		return Integer.parseInt(version.group(1));
	}

	// training

	private String training(String gateway, int datasetVersion, int runs) throws Exception {
		HttpResponse<String> version = send("GET", gateway + "/api/v1/datasets/customers/versions/" + datasetVersion,
				null);
		assertThat(version.statusCode()).as(version.body()).isEqualTo(200);
		String location = String.valueOf(DemoJourney.get(DemoJourney.json(version.body()), "location"));
		SparkSession spark = SparkSession.builder().getOrCreate();
		Path plainDir = this.dataDir.resolve("plain-spark");
		plain(spark, location, plainDir.resolve("warm-up"));
		List<PlatformRun> platformRuns = new ArrayList<>();
		List<PlainRun> plainRuns = new ArrayList<>();
		for (int run = 1; run <= runs; run++) {
			platformRuns.add(platformRun(gateway, datasetVersion));
			plainRuns.add(plain(spark, location, plainDir.resolve("run-" + run)));
		}
		long platformTotal = median(platformRuns.stream().map(PlatformRun::millis).toList());
		long jobMillis = median(platformRuns.stream().map(PlatformRun::jobMillis).toList());
		long platformFit = median(platformRuns.stream().map(PlatformRun::fitMillis).toList());
		long plainTotal = median(plainRuns.stream().map(PlainRun::millis).toList());
		long plainFit = median(plainRuns.stream().map(PlainRun::fitMillis).toList());
		StringBuilder table = new StringBuilder();
		table.append(String.format(Locale.ROOT,
				"### Training: logistic regression on customers@%d (%s → %s), medians of %d runs each%n%n",
				datasetVersion, String.join(", ", DemoJourney.MODEL_FEATURES), DemoJourney.MODEL_LABEL, runs));
		table.append("| Measure | through the platform | plain Spark, same JVM | platform / plain |\n")
			.append("|---|---|---|---|\n");
		table.append(String.format(Locale.ROOT,
				"| training, end to end (platform: `POST` training-run via the gateway → reads `succeeded`; "
						+ "plain: read → split → fit → metrics → save) | %,d ms | %,d ms | %.2f× |%n",
				platformTotal, plainTotal, ratio(platformTotal, plainTotal)));
		table.append(
				String.format(Locale.ROOT, "| compute job, its own `startedAt` → `finishedAt` | %,d ms | | %.2f× |%n",
						jobMillis, ratio(jobMillis, plainTotal)));
		table.append(String.format(Locale.ROOT,
				"| pipeline fit alone (platform: the job's log line) | %,d ms | %,d ms | %.2f× |%n", platformFit,
				plainFit, ratio(platformFit, plainFit)));
		table.append(String.format(Locale.ROOT, "| every run, end to end | %s ms | %s ms | |%n",
				platformRuns.stream().map((run) -> String.format(Locale.ROOT, "%,d", run.millis())).toList(),
				plainRuns.stream().map((run) -> String.format(Locale.ROOT, "%,d", run.millis())).toList()));
		table.append(String.format(Locale.ROOT, "| test AUC (same split) | %s | %.6f | |%n",
				platformRuns.stream().map(PlatformRun::auc).distinct().toList(), plainRuns.get(0).auc()));
		return table.toString();
	}

	private PlatformRun platformRun(String gateway, int datasetVersion) throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> submitted = send("POST", gateway + MODELS + "/training-runs",
				DemoJourney.trainingRequest(datasetVersion));
		assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
		Object id = DemoJourney.get(DemoJourney.json(submitted.body()), "id");
		long deadline = start + Duration.ofMinutes(3).toNanos();
		Object run;
		while (true) {
			HttpResponse<String> read = send("GET", gateway + MODELS + "/training-runs/" + id, null);
			assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
			run = DemoJourney.json(read.body());
			String state = String.valueOf(DemoJourney.get(run, "state"));
			if (state.equals("succeeded")) {
				break;
			}
			assertThat(state).as(read.body()).isIn("queued", "running");
			assertThat(System.nanoTime()).as("training run %s still %s", id, state).isLessThan(deadline);
			Thread.sleep(POLL.toMillis());
		}
		long millis = millisSince(start);
		HttpResponse<String> job = send("GET", gateway + "/api/v1/compute/jobs/" + DemoJourney.get(run, "computeJobId"),
				null);
		assertThat(job.statusCode()).as(job.body()).isEqualTo(200);
		Object jobView = DemoJourney.json(job.body());
		long jobMillis = Duration
			.between(instant(DemoJourney.get(jobView, "startedAt")), instant(DemoJourney.get(jobView, "finishedAt")))
			.toMillis();
		HttpResponse<String> logs = send("GET", gateway + MODELS + "/training-runs/" + id + "/logs", null);
		Matcher fitted = FITTED.matcher(logs.body());
		assertThat(fitted.find()).as(logs.body()).isTrue();
		return new PlatformRun(millis, jobMillis, Long.parseLong(fitted.group(1)),
				((Number) DemoJourney.get(run, "metrics.auc")).doubleValue());
	}

	/**
	 * What a train job does in Spark, on plain Spark: the same columns, null handling,
	 * class check, split, pipeline (MLlib's defaults), metrics and save.
	 */
	private static PlainRun plain(SparkSession spark, String location, Path output) throws Exception {
		long start = System.nanoTime();
		List<String> used = new ArrayList<>(DemoJourney.MODEL_FEATURES);
		used.add(DemoJourney.MODEL_LABEL);
		Dataset<Row> clean = spark.read()
			.parquet(location)
			.select(used.stream().map(functions::col).toArray(Column[]::new))
			.na()
			.drop(used.toArray(new String[0]))
			.withColumn(LABEL, functions.col(DemoJourney.MODEL_LABEL).cast("double"));
		assertThat(clean.select(LABEL).distinct().limit(1001).collectAsList()).hasSize(2);
		Dataset<Row> cached = clean.persist(StorageLevel.MEMORY_AND_DISK());
		try {
			Dataset<Row>[] split = cached.randomSplit(
					new double[] { 1 - DemoJourney.MODEL_TEST_FRACTION, DemoJourney.MODEL_TEST_FRACTION },
					DemoJourney.MODEL_SEED);
			assertThat(split[0].count()).isPositive();
			assertThat(split[1].count()).isPositive();
			long fitStart = System.nanoTime();
			PipelineModel model = new Pipeline()
				.setStages(new PipelineStage[] {
						new VectorAssembler().setInputCols(DemoJourney.MODEL_FEATURES.toArray(new String[0]))
							.setOutputCol(FEATURES)
							.setHandleInvalid("keep"),
						new LogisticRegression().setFeaturesCol(FEATURES).setLabelCol(LABEL) })
				.fit(split[0]);
			long fitMillis = millisSince(fitStart);
			Dataset<Row> scored = model.transform(split[1]).persist(StorageLevel.MEMORY_AND_DISK());
			double auc;
			try {
				MulticlassClassificationEvaluator evaluator = new MulticlassClassificationEvaluator().setLabelCol(LABEL)
					.setPredictionCol("prediction");
				for (String metric : List.of("accuracy", "weightedPrecision", "weightedRecall", "f1")) {
					evaluator.setMetricName(metric).evaluate(scored);
				}
				auc = new BinaryClassificationEvaluator().setLabelCol(LABEL)
					.setRawPredictionCol("rawPrediction")
					.setMetricName("areaUnderROC")
					.evaluate(scored);
			}
			finally {
				scored.unpersist(false);
			}
			model.write().save(output.toAbsolutePath().toUri().toString());
			return new PlainRun(millisSince(start), fitMillis, auc);
		}
		finally {
			cached.unpersist(false);
		}
	}

	// predictions

	private String serving(String gateway, String direct, Duration seconds, int rounds, Duration warmUp)
			throws Exception {
		List<String> rows = sampleRows(100);
		Map<String, String> bodies = new LinkedHashMap<>();
		bodies.put("1 row", predictBody(rows.subList(0, 1)));
		bodies.put("100 rows", predictBody(rows));
		Map<String, String> paths = new LinkedHashMap<>();
		paths.put("gateway", gateway + MODELS + "/predict");
		paths.put("direct", direct + MODELS + "/predict");
		// the same answers both ways, and every row predicted
		for (String body : bodies.values()) {
			HttpResponse<String> viaGateway = send("POST", paths.get("gateway"), body);
			HttpResponse<String> straight = send("POST", paths.get("direct"), body);
			assertThat(viaGateway.statusCode()).as(viaGateway.body()).isEqualTo(200);
			assertThat(straight.statusCode()).as(straight.body()).isEqualTo(200);
			Object predictions = DemoJourney.get(DemoJourney.json(viaGateway.body()), "predictions");
			assertThat(predictions).isEqualTo(DemoJourney.get(DemoJourney.json(straight.body()), "predictions"));
			assertThat((List<?>) predictions).hasSize(body.equals(bodies.get("1 row")) ? 1 : 100);
		}
		Duration warmUpEach = warmUp.dividedBy(bodies.size() * paths.size());
		for (String body : bodies.values()) {
			for (String path : paths.values()) {
				load(path, body, 4, warmUpEach);
			}
		}
		int[] callerCounts = { 1, 4 };
		Map<String, List<Load>> results = new LinkedHashMap<>();
		for (int round = 0; round < rounds; round++) {
			for (Map.Entry<String, String> body : bodies.entrySet()) {
				for (int callers : callerCounts) {
					List<String> order = new ArrayList<>(paths.keySet());
					if (round % 2 == 1) {
						Collections.reverse(order);
					}
					for (String path : order) {
						results.computeIfAbsent(key(body.getKey(), callers, path), (k) -> new ArrayList<>())
							.add(load(paths.get(path), body.getValue(), callers, seconds));
					}
				}
			}
		}
		StringBuilder table = new StringBuilder();
		table.append(String.format(Locale.ROOT,
				"### Predictions: `POST %s/predict` by alias (`champion`), rows of the sample; %d rounds × %d s per "
						+ "measure after %d s of warm-up; requests/s is the median of the rounds, p50/p99 over every "
						+ "call of the rounds%n%n",
				MODELS, rounds, seconds.toSeconds(), warmUp.toSeconds()));
		table.append("| Request | Callers | Path | requests/s | rows/s | p50 (ms) | p99 (ms) | calls |\n")
			.append("|---|---|---|---|---|---|---|---|\n");
		StringBuilder ratios = new StringBuilder();
		ratios.append("\n| Request | Callers | gateway / direct, requests/s | gateway adds at p50 | at p99 |\n")
			.append("|---|---|---|---|---|\n");
		for (String body : bodies.keySet()) {
			int rowCount = body.equals("1 row") ? 1 : 100;
			for (int callers : callerCounts) {
				Map<String, Summary> byPath = new LinkedHashMap<>();
				for (String path : paths.keySet()) {
					Summary summary = Summary.of(results.get(key(body, callers, path)));
					byPath.put(path, summary);
					table.append(String.format(Locale.ROOT, "| %s | %d | %s | %.1f | %,.0f | %.1f | %.1f | %,d |%n",
							body, callers, path, summary.perSecond(), summary.perSecond() * rowCount, summary.p50(),
							summary.p99(), summary.calls()));
				}
				Summary viaGateway = byPath.get("gateway");
				Summary straight = byPath.get("direct");
				ratios.append(String.format(Locale.ROOT, "| %s | %d | %.2f× | %+.1f ms | %+.1f ms |%n", body, callers,
						viaGateway.perSecond() / straight.perSecond(), viaGateway.p50() - straight.p50(),
						viaGateway.p99() - straight.p99()));
			}
		}
		return table.append(ratios).toString();
	}

	/** Closed-loop callers, each sending the request again as soon as it is answered. */
	private Load load(String url, String body, int callers, Duration duration) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		ExecutorService pool = Executors.newFixedThreadPool(callers);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<List<Long>>> workers = new ArrayList<>();
			for (int caller = 0; caller < callers; caller++) {
				workers.add(pool.submit(() -> {
					List<Long> nanos = new ArrayList<>();
					go.await();
					long deadline = System.nanoTime() + duration.toNanos();
					while (System.nanoTime() < deadline) {
						long start = System.nanoTime();
						HttpResponse<String> answer = this.http.send(request, HttpResponse.BodyHandlers.ofString());
						long took = System.nanoTime() - start;
						if (answer.statusCode() != 200) {
							throw new IllegalStateException(url + " answered " + answer.statusCode() + ": "
									+ DemoJourney.abbreviate(answer.body(), 300));
						}
						nanos.add(took);
					}
					return nanos;
				}));
			}
			long start = System.nanoTime();
			go.countDown();
			List<Long> all = new ArrayList<>();
			for (Future<List<Long>> worker : workers) {
				all.addAll(worker.get(duration.toSeconds() + 60, TimeUnit.SECONDS));
			}
			return new Load(all, (System.nanoTime() - start) / 1e9);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** The first rows of the sample as JSON objects of the model's features. */
	private static List<String> sampleRows(int count) throws Exception {
		List<String> lines = Files.readAllLines(Path.of("..", "samples", DemoJourney.SAMPLE), StandardCharsets.UTF_8);
		List<String> header = List.of(lines.get(0).split(","));
		List<String> rows = new ArrayList<>();
		for (String line : lines.subList(1, count + 1)) {
			String[] values = line.split(",");
			List<String> fields = new ArrayList<>();
			for (String feature : DemoJourney.MODEL_FEATURES) {
				// every feature of the sample is a JSON number: integers for int columns
				fields.add("\"" + feature + "\":" + values[header.indexOf(feature)]);
			}
			rows.add("{" + String.join(",", fields) + "}");
		}
		return rows;
	}

	private static String predictBody(List<String> rows) {
		return "{\"alias\":\"champion\",\"rows\":[" + String.join(",", rows) + "]}";
	}

	private static String key(String body, int callers, String path) {
		return body + "/" + callers + "/" + path;
	}

	// HTTP

	private static String logIn(String gateway) throws Exception {
		HttpResponse<String> login = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/auth/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers
					.ofString("grant_type=password&username=admin&password=" + ADMIN_PASSWORD))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		return String.valueOf(DemoJourney.get(DemoJourney.json(login.body()), "access_token"));
	}

	private HttpResponse<String> send(String method, String url, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + this.token)
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	// figures

	private static long millisSince(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000;
	}

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get((sorted.size() - 1) / 2);
	}

	private static double ratio(long value, long baseline) {
		return (double) value / Math.max(1, baseline);
	}

	/** A JSON time: ISO-8601, or seconds since the epoch. */
	private static Instant instant(Object value) {
		if (value instanceof Number seconds) {
			return Instant.ofEpochSecond(0, Math.round(seconds.doubleValue() * 1e9));
		}
		return Instant.parse(String.valueOf(value));
	}

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + " / " + fields[1] + " / " + fields[2];
		}
		catch (Exception ex) {
			return "n/a";
		}
	}

	/**
	 * A training run through the platform.
	 *
	 * @param millis {@code POST} to {@code succeeded} as the client saw it
	 * @param jobMillis the compute job's own start to finish
	 * @param fitMillis the pipeline's fit, from the job's log
	 * @param auc the run's test AUC
	 */
	private record PlatformRun(long millis, long jobMillis, long fitMillis, double auc) {
	}

	/**
	 * The same on plain Spark.
	 *
	 * @param millis read to save
	 * @param fitMillis the pipeline's fit
	 * @param auc the test AUC
	 */
	private record PlainRun(long millis, long fitMillis, double auc) {
	}

	/**
	 * One measure: every call's latency and how long the callers ran.
	 *
	 * @param nanos latencies
	 * @param seconds from the start until the last caller finished
	 */
	private record Load(List<Long> nanos, double seconds) {
	}

	/**
	 * The rounds of one measure.
	 *
	 * @param perSecond median requests per second of the rounds
	 * @param p50 median latency over every call, ms
	 * @param p99 99th percentile over every call, ms
	 * @param calls calls in all rounds
	 */
	private record Summary(double perSecond, double p50, double p99, int calls) {

		static Summary of(List<Load> rounds) {
			List<Double> rates = new ArrayList<>();
			List<Long> all = new ArrayList<>();
			for (Load round : rounds) {
				rates.add(round.nanos().size() / round.seconds());
				all.addAll(round.nanos());
			}
			Collections.sort(rates);
			Collections.sort(all);
			return new Summary(rates.get((rates.size() - 1) / 2), percentile(all, 50), percentile(all, 99), all.size());
		}

		private static double percentile(List<Long> sorted, int percentile) {
			int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
			return sorted.get(Math.max(0, index)) / 1_000_000.0;
		}

	}

}
