package dev.corelake.standalone;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The user journey of {@code ./corelake demo}, through the gateway only, each call
 * printed as the {@code curl} a person would type, then its answer (abbreviated): log in;
 * read and change a setting; sync the bundled sample of 1,000 customers; find it in the
 * catalog; aggregate it with a compute job; train a churn model on it, promote it,
 * predict with it; show the lineage from the source to the model.
 * <p>
 * The model steps call ai-model-service. While that service is not part of the platform
 * its route answers 503 (nothing behind it) or 404, and those steps are reported
 * {@link Outcome#SKIPPED} — visibly, in the report — as long as
 * {@link #MODEL_SERVICE_OPTIONAL} is {@code true}. Once ai-model-service is merged, set
 * it to {@code false}: a missing model service is then a failure.
 *
 * @author Corelake
 */
public final class DemoJourney {

	/**
	 * Whether the model steps may be skipped when ai-model-service does not answer.
	 * Remove (set to {@code false}) once ai-model-service is part of the platform.
	 */
	public static final boolean MODEL_SERVICE_OPTIONAL = true;

	/** The sample file, under the samples directory and the platform's inbox. */
	public static final String SAMPLE = "customers.csv";

	/** The model the journey trains. */
	static final String MODEL = "churn";

	/** The model's feature columns (of the sample), in the order the model takes them. */
	static final List<String> MODEL_FEATURES = List.of("age", "tenure_months", "monthly_charges", "support_calls",
			"monthly_contract");

	/** The model's label column. */
	static final String MODEL_LABEL = "churned";

	/** The share of rows the training run holds out to compute its metrics. */
	static final double MODEL_TEST_FRACTION = 0.2;

	/** The seed of the training run's split. */
	static final long MODEL_SEED = 42;

	private static final String SETTINGS = "/api/v1/config/namespaces/catalog-service/profiles/default/properties";

	private static final String PAGE_SIZE = "corelake.catalog.listing.default-page-size";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int ABBREVIATE = 300;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String gateway;

	private final String username;

	private final String password;

	private final Path samples;

	private final Path inbox;

	private final PrintStream out;

	private final Duration jobTimeout;

	private final List<Step> steps = new ArrayList<>();

	private String token;

	private String etag;

	private int datasetVersion;

	private Integer modelVersion;

	private String modelSkipped;

	private boolean failed;

	/**
	 * A journey against a running platform.
	 * @param gateway the gateway's base URL
	 * @param username who logs in
	 * @param password their password
	 * @param samples the directory holding {@value #SAMPLE}
	 * @param inbox the platform's inbox for file sources ({@code <data dir>/inbox})
	 * @param out where the journey is printed
	 * @param jobTimeout how long a sync run, compute job or training run may take
	 */
	public DemoJourney(String gateway, String username, String password, Path samples, Path inbox, PrintStream out,
			Duration jobTimeout) {
		this.gateway = gateway.endsWith("/") ? gateway.substring(0, gateway.length() - 1) : gateway;
		this.username = username;
		this.password = password;
		this.samples = samples;
		this.inbox = inbox;
		this.out = out;
		this.jobTimeout = jobTimeout;
	}

	/** How a step ended. */
	public enum Outcome {

		/** It did what it should. */
		PASSED,

		/** It did not run (its service is not part of the platform yet). */
		SKIPPED,

		/** It failed; the journey stops. */
		FAILED

	}

	/**
	 * One step of the journey.
	 *
	 * @param name what it does
	 * @param outcome how it ended
	 * @param detail what it showed, or why it failed or was skipped
	 * @param millis how long it took
	 */
	public record Step(String name, Outcome outcome, String detail, long millis) {
	}

	/**
	 * Runs every step; after a failure the rest are skipped.
	 * @return the steps, in order
	 */
	public List<Step> run() {
		this.out.println("GW=" + this.gateway);
		step("log in", this::logIn);
		step("read a setting", this::readSetting);
		step("change a setting", this::changeSetting);
		step("sync the sample dataset", this::sync);
		step("see it in the catalog", this::catalog);
		step("run an aggregation", this::aggregate);
		modelStep("train a model", this::train);
		modelStep("promote it to champion", this::promote);
		modelStep("predict", this::predict);
		step("show lineage from source to model", this::lineage);
		return List.copyOf(this.steps);
	}

	/**
	 * The report: a table of the steps.
	 * @param steps the steps
	 * @return the table
	 */
	public static String report(List<Step> steps) {
		StringBuilder table = new StringBuilder(String.format("%n%-36s %-8s %8s  %s%n", "STEP", "RESULT", "TIME", ""));
		for (Step step : steps) {
			table.append(String.format("%-36s %-8s %6d ms  %s%n", step.name(), step.outcome(), step.millis(),
					abbreviate(step.detail(), 90)));
		}
		long passed = steps.stream().filter((step) -> step.outcome() == Outcome.PASSED).count();
		long skipped = steps.stream().filter((step) -> step.outcome() == Outcome.SKIPPED).count();
		long failedSteps = steps.stream().filter((step) -> step.outcome() == Outcome.FAILED).count();
		table.append(String.format("%d passed, %d skipped, %d failed%n", passed, skipped, failedSteps));
		return table.toString();
	}

	private void step(String name, Action action) {
		if (this.failed) {
			this.steps.add(new Step(name, Outcome.SKIPPED, "an earlier step failed", 0));
			return;
		}
		this.out.println();
		this.out.println("## " + name);
		long start = System.nanoTime();
		try {
			String detail = action.run();
			this.steps.add(new Step(name, Outcome.PASSED, detail, (System.nanoTime() - start) / 1_000_000));
		}
		catch (SkipException ex) {
			this.out.println("   SKIPPED: " + ex.getMessage());
			this.steps.add(new Step(name, Outcome.SKIPPED, ex.getMessage(), (System.nanoTime() - start) / 1_000_000));
		}
		catch (Exception ex) {
			this.failed = true;
			this.out.println("   FAILED: " + ex.getMessage());
			this.steps.add(new Step(name, Outcome.FAILED, String.valueOf(ex.getMessage()),
					(System.nanoTime() - start) / 1_000_000));
		}
	}

	private void modelStep(String name, Action action) {
		step(name, () -> {
			if (this.modelSkipped != null) {
				throw new SkipException(this.modelSkipped);
			}
			return action.run();
		});
	}

	// the steps

	private String logIn() throws Exception {
		this.out.println("$ TOKEN=$(curl -s -d grant_type=password -d username=" + this.username
				+ " --data-urlencode \"password=$CORELAKE_ADMIN_PASSWORD\" $GW/api/v1/auth/token"
				+ " | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
		HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(uri("/api/v1/auth/token"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(
					"grant_type=password&username=" + encode(this.username) + "&password=" + encode(this.password)))
			.build(), HttpResponse.BodyHandlers.ofString());
		print(answer.statusCode(),
				answer.body().replaceAll("\"(access|refresh)_token\":\"[^\"]{12}[^\"]*\"", "\"$1_token\":\"…\""));
		expect(answer.statusCode(), answer.body(), 200);
		this.token = text(json(answer.body()), "access_token");
		return "bearer token for " + this.username + ", expires in " + get(json(answer.body()), "expires_in") + " s";
	}

	private String readSetting() throws Exception {
		Answer answer = call("GET", SETTINGS, null, Map.of());
		expect(answer, 200);
		if (answer.etag() == null) {
			throw new IllegalStateException("the settings came without an ETag (their revision)");
		}
		this.etag = answer.etag();
		return "catalog-service settings at revision " + this.etag;
	}

	private String changeSetting() throws Exception {
		Answer answer = call("PUT", SETTINGS + "/" + PAGE_SIZE,
				"{\"value\":\"10\",\"message\":\"demo: ten datasets per page\"}", Map.of("If-Match", this.etag));
		expect(answer, 200);
		return PAGE_SIZE + " = 10 (revision " + answer.etag() + "), applied by catalog-service without a restart";
	}

	private String sync() throws Exception {
		this.out.println("$ mkdir -p " + this.inbox + " && cp " + this.samples.resolve(SAMPLE) + " " + this.inbox);
		Files.createDirectories(this.inbox);
		Files.copy(this.samples.resolve(SAMPLE), this.inbox.resolve(SAMPLE), StandardCopyOption.REPLACE_EXISTING);
		Answer source = call("POST", "/api/v1/sync/sources", "{\"name\":\"customers-csv\",\"kind\":\"csv\",\"path\":\""
				+ SAMPLE + "\",\"columns\":[{\"name\":\"customer_id\",\"type\":\"bigint\",\"nullable\":false},"
				+ "{\"name\":\"age\",\"type\":\"int\"},{\"name\":\"tenure_months\",\"type\":\"int\"},"
				+ "{\"name\":\"monthly_charges\",\"type\":\"double\"},{\"name\":\"support_calls\",\"type\":\"int\"},"
				+ "{\"name\":\"monthly_contract\",\"type\":\"int\"},{\"name\":\"churned\",\"type\":\"int\"}]}",
				Map.of());
		expectCreatedOrExists(source);
		Answer job = call("POST", "/api/v1/sync/jobs",
				"{\"name\":\"customers\",\"source\":\"customers-csv\",\"dataset\":\"customers\"}", Map.of());
		expectCreatedOrExists(job);
		Answer started = call("POST", "/api/v1/sync/jobs/customers/runs", null, Map.of());
		expect(started, 202);
		Object run = get(started.json(), "id");
		Object done = await("/api/v1/sync/runs/" + run, "state",
				(state) -> !state.equals("QUEUED") && !state.equals("RUNNING") && !state.equals("COMMITTING"),
				"progress.percent");
		if (!"SUCCEEDED".equals(get(done, "state"))) {
			throw new IllegalStateException(
					"sync run " + run + " ended " + get(done, "state") + ": " + get(done, "error"));
		}
		this.datasetVersion = ((Number) get(done, "datasetVersion")).intValue();
		return get(done, "progress.rowsWritten") + " rows into customers@" + this.datasetVersion;
	}

	private String catalog() throws Exception {
		Answer list = call("GET", "/api/v1/datasets?prefix=cust", null, Map.of());
		expect(list, 200);
		Answer version = call("GET", "/api/v1/datasets/customers/versions/" + this.datasetVersion, null, Map.of());
		expect(version, 200);
		Object rows = get(version.json(), "rowCount");
		if (!(rows instanceof Number count) || count.longValue() != 1000) {
			throw new IllegalStateException("customers@" + this.datasetVersion + " holds " + rows + " rows, not 1000");
		}
		return "customers@" + this.datasetVersion + ": 1000 rows, produced by " + get(version.json(), "producedBy");
	}

	private String aggregate() throws Exception {
		Instant asked = Instant.now();
		Answer submitted = call("POST", "/api/v1/compute/jobs",
				"{\"sql\":\"select monthly_contract, count(*) as customers, avg(churned) as churn_rate, "
						+ "avg(support_calls) as support_calls from customers group by monthly_contract\","
						+ "\"output\":\"churn_by_contract\"}",
				Map.of());
		Object id;
		if (submitted.status() == 504 && "compute-service".equals(get(submitted.json(), "upstream.service"))) {
			// compute-service's first query parses slowly on a busy machine: the gateway
			// stopped waiting, but the submission may well have gone through
			this.out.println("   (the gateway stopped waiting; compute-service may have accepted the job: looking)");
			id = submittedSince(asked, "churn_by_contract");
		}
		else {
			expect(submitted, 202);
			id = get(submitted.json(), "id");
		}
		Object done = await("/api/v1/compute/jobs/" + id, "state",
				(state) -> !state.equals("queued") && !state.equals("running") && !state.equals("committing"),
				"progress.percent");
		if (!"succeeded".equals(get(done, "state"))) {
			throw new IllegalStateException(
					"compute job " + id + " ended " + get(done, "state") + ": " + get(done, "error"));
		}
		Answer output = call("GET", "/api/v1/datasets/churn_by_contract/versions/" + get(done, "outputVersion"), null,
				Map.of());
		expect(output, 200);
		return "churn_by_contract@" + get(done, "outputVersion") + " (" + get(output.json(), "rowCount") + " rows)";
	}

	/** The id of a compute job writing into the output submitted since the instant. */
	private Object submittedSince(Instant asked, String output) throws Exception {
		this.out.println("$ curl -s -H \"Authorization: Bearer $TOKEN\" \"$GW/api/v1/compute/jobs?size=5\"");
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			HttpResponse<String> jobs = send("GET", "/api/v1/compute/jobs?size=5", null, Map.of());
			if (get(json(jobs.body()), "items") instanceof List<?> items) {
				for (Object job : items) {
					if (output.equals(get(job, "output")) && get(job, "createdAt") instanceof String created
							&& !Instant.parse(created).isBefore(asked.minusSeconds(5))) {
						print(jobs.statusCode(), jobs.body());
						return get(job, "id");
					}
				}
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("the gateway timed out and compute-service holds no job into " + output);
	}

	private String train() throws Exception {
		Answer submitted = call("POST", "/api/v1/models/" + MODEL + "/training-runs",
				trainingRequest(this.datasetVersion), Map.of());
		if (MODEL_SERVICE_OPTIONAL && (submitted.status() == 503 || submitted.status() == 404)) {
			this.modelSkipped = "ai-model-service is not part of this platform yet (" + submitted.status() + " "
					+ get(submitted.json(), "code") + ")";
			throw new SkipException(this.modelSkipped);
		}
		expect(submitted, 202);
		Object id = get(submitted.json(), "id");
		Object done = await("/api/v1/models/" + MODEL + "/training-runs/" + id, "state",
				(state) -> !state.equalsIgnoreCase("queued") && !state.equalsIgnoreCase("running")
						&& !state.equalsIgnoreCase("committing"),
				"progress");
		if (!String.valueOf(get(done, "state")).equalsIgnoreCase("succeeded")) {
			throw new IllegalStateException("training run " + id + " ended " + get(done, "state"));
		}
		this.modelVersion = ((Number) Objects.requireNonNull(get(done, "modelVersion"), "modelVersion")).intValue();
		return MODEL + " version " + this.modelVersion + ", metrics " + get(done, "metrics");
	}

	/**
	 * The body of the journey's training run: logistic regression with MLlib's default
	 * parameters on {@link #MODEL_FEATURES}, predicting {@link #MODEL_LABEL}.
	 * @param datasetVersion the version of {@code customers} to train on
	 * @return the JSON body
	 */
	static String trainingRequest(int datasetVersion) {
		return "{\"dataset\":\"customers@" + datasetVersion + "\",\"algorithm\":\"logistic_regression\",\"features\":["
				+ String.join(",", MODEL_FEATURES.stream().map((feature) -> "\"" + feature + "\"").toList())
				+ "],\"label\":\"" + MODEL_LABEL + "\",\"testFraction\":" + MODEL_TEST_FRACTION + ",\"seed\":"
				+ MODEL_SEED + "}";
	}

	private String promote() throws Exception {
		Answer answer = call("PUT", "/api/v1/models/" + MODEL + "/aliases/champion",
				"{\"version\":" + this.modelVersion + "}", Map.of());
		expect(answer, 200, 201, 204);
		return MODEL + "@champion = version " + this.modelVersion;
	}

	private String predict() throws Exception {
		Answer answer = call("POST", "/api/v1/models/" + MODEL + "/predict",
				"{\"alias\":\"champion\",\"rows\":[{\"age\":34,\"tenure_months\":2,\"monthly_charges\":95.5,"
						+ "\"support_calls\":5,\"monthly_contract\":1},{\"age\":61,\"tenure_months\":60,"
						+ "\"monthly_charges\":40.0,\"support_calls\":0,\"monthly_contract\":0}]}",
				Map.of());
		expect(answer, 200);
		Object predictions = get(answer.json(), "predictions");
		if (!(predictions instanceof List<?> list) || list.size() != 2) {
			throw new IllegalStateException("expected 2 predictions, got " + predictions);
		}
		return "a new, unhappy customer: " + get(list.get(0), "prediction") + " (p=" + get(list.get(0), "probability")
				+ "); a loyal one: " + get(list.get(1), "prediction");
	}

	private String lineage() throws Exception {
		Answer datasets = call("GET", "/api/v1/datasets/churn_by_contract/lineage?direction=upstream&depth=3", null,
				Map.of());
		expect(datasets, 200);
		if (!datasets.body().contains("customers-csv") || !datasets.body().contains("\"customers\"")) {
			throw new IllegalStateException("the lineage does not lead back to customers and customers-csv");
		}
		String path = "customers-csv → customers@" + this.datasetVersion + " → churn_by_contract";
		if (this.modelVersion == null) {
			return path + " (model lineage skipped: " + this.modelSkipped + ")";
		}
		Answer model = call("GET", "/api/v1/models/" + MODEL + "/versions/" + this.modelVersion + "/lineage", null,
				Map.of());
		expect(model, 200);
		if (!model.body().contains("customers")) {
			throw new IllegalStateException("the model's lineage does not name its dataset");
		}
		return path + "; customers@" + this.datasetVersion + " → " + MODEL + " v" + this.modelVersion
				+ " → predictions";
	}

	// HTTP, printed as curl

	private Answer call(String method, String path, String json, Map<String, String> headers) throws Exception {
		StringBuilder curl = new StringBuilder("$ curl -s");
		if (!method.equals("GET") && !(method.equals("POST") && json != null)) {
			curl.append(" -X ").append(method);
		}
		curl.append(" -H \"Authorization: Bearer $TOKEN\"");
		headers.forEach((name, value) -> curl.append(" -H '").append(name).append(": ").append(value).append('\''));
		if (json != null) {
			curl.append(" -H 'Content-Type: application/json' -d '").append(json).append('\'');
		}
		curl.append(path.contains("?") ? " \"$GW" + path + "\"" : " $GW" + path);
		this.out.println(curl);
		HttpResponse<String> response = send(method, path, json, headers);
		print(response.statusCode(), response.body());
		return new Answer(response.statusCode(), response.body(), response.headers().firstValue("ETag").orElse(null));
	}

	private HttpResponse<String> send(String method, String path, String json, Map<String, String> headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + this.token)
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Polls a resource until its state field satisfies the predicate, printing its
	 * progress as it changes.
	 */
	private Object await(String path, String stateField, Predicate<String> finished, String progressField)
			throws Exception {
		this.out.println("$ curl -s -H \"Authorization: Bearer $TOKEN\" $GW" + path + "      # until it is done");
		long deadline = System.nanoTime() + this.jobTimeout.toNanos();
		String last = "";
		while (true) {
			HttpResponse<String> response = send("GET", path, null, Map.of());
			if (response.statusCode() != 200) {
				print(response.statusCode(), response.body());
				throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
			}
			Object body = json(response.body());
			String state = String.valueOf(get(body, stateField));
			String progress = state + " " + Objects.toString(get(body, progressField), "");
			if (!progress.equals(last)) {
				this.out.println("   … " + progress.strip());
				last = progress;
			}
			if (finished.test(state)) {
				print(response.statusCode(), response.body());
				return body;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						path + " still " + state + " after " + this.jobTimeout.toSeconds() + " s");
			}
			Thread.sleep(300);
		}
	}

	private void print(int status, String body) {
		this.out.println("   → " + status + " " + abbreviate(body, ABBREVIATE));
	}

	private URI uri(String path) {
		return URI.create(this.gateway + path);
	}

	private static void expect(Answer answer, int... statuses) {
		expect(answer.status(), answer.body(), statuses);
	}

	private static void expect(int status, String body, int... statuses) {
		for (int expected : statuses) {
			if (status == expected) {
				return;
			}
		}
		throw new IllegalStateException("answered " + status + ": " + abbreviate(body, 200));
	}

	private static void expectCreatedOrExists(Answer answer) {
		if (answer.status() == 409) {
			return;
		}
		expect(answer, 201);
	}

	static String abbreviate(String text, int max) {
		String flat = String.valueOf(text).replaceAll("\\s*\n\\s*", " ");
		return (flat.length() <= max) ? flat : flat.substring(0, max) + "…";
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	static Object json(String body) {
		try {
			return JSON.readValue(body, Object.class);
		}
		catch (JacksonException ex) {
			return Map.of();
		}
	}

	/**
	 * A value inside parsed JSON by a dotted path.
	 * @param root the parsed JSON
	 * @param path e.g. {@code progress.percent}
	 * @return the value, {@code null} when absent
	 */
	static Object get(Object root, String path) {
		Object current = root;
		for (String part : path.split("\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(part);
		}
		return current;
	}

	private static String text(Object root, String path) {
		Object value = get(root, path);
		if (value == null) {
			throw new IllegalStateException("the answer has no " + path);
		}
		return value.toString();
	}

	/** An answer. */
	private record Answer(int status, String body, String etag) {

		Object json() {
			return DemoJourney.json(this.body);
		}

	}

	@FunctionalInterface
	private interface Action {

		String run() throws Exception;

	}

	/** A step that cannot run here. */
	private static final class SkipException extends RuntimeException {

		SkipException(String message) {
			super(message);
		}

	}

}
