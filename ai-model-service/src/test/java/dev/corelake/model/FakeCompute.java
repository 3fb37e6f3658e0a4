package dev.corelake.model;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for compute-service's job API on loopback: it accepts {@code train} and
 * {@code predict} jobs, answers their state as a test sets it, cancels, and serves logs,
 * with compute-service's problem answers for unknown jobs. It can be stopped and started
 * again on the same port, so that a test sees connection refused, as when the real
 * service is down.
 *
 * @author Corelake
 */
public final class FakeCompute implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern JOB = Pattern.compile("/api/v1/compute/jobs/([0-9a-f-]{36})(/cancel|/logs)?");

	private final Map<String, Map<String, Object>> jobs = new ConcurrentHashMap<>();

	private final List<Map<String, Object>> submissions = new CopyOnWriteArrayList<>();

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	private volatile Map<String, Object> refusal;

	private HttpServer server;

	private int port;

	/**
	 * Starts the fake on a random loopback port.
	 * @return it
	 */
	public static FakeCompute start() {
		FakeCompute fake = new FakeCompute();
		fake.listen(0);
		return fake;
	}

	/**
	 * The base URL.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/** Stops answering: connections are refused. */
	public synchronized void stop() {
		if (this.server != null) {
			this.server.stop(0);
			this.server = null;
		}
	}

	/** Answers again, on the same port. */
	public synchronized void restart() {
		if (this.server == null) {
			listen(this.port);
		}
	}

	/**
	 * The jobs submitted, as their bodies.
	 * @return the bodies
	 */
	public List<Map<String, Object>> submissions() {
		return List.copyOf(this.submissions);
	}

	/**
	 * The {@code Authorization} headers received.
	 * @return the headers ("" when absent)
	 */
	public List<String> authorizations() {
		return List.copyOf(this.authorizations);
	}

	/**
	 * Makes the next submission answer 400 with a problem of this code.
	 * @param code the problem code
	 * @param field the field in error
	 */
	public void refuseNext(String code, String field) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "https://corelake.dev/errors/" + code);
		problem.put("title", "Validation failed");
		problem.put("status", 400);
		problem.put("detail", "The training request is invalid.");
		problem.put("code", code);
		problem.put("service", "compute-service");
		problem.put("errors", List.of(Map.of("field", field, "message", "is not a parameter of this algorithm")));
		this.refusal = problem;
	}

	/**
	 * Moves a job to a state.
	 * @param id the job
	 * @param state compute-service's state name
	 * @param percent progress
	 */
	public void progress(String id, String state, int percent) {
		Map<String, Object> job = job(id);
		job.put("state", state);
		job.put("progress",
				Map.of("stagesDone", 0, "stagesTotal", 1, "tasksDone", percent, "tasksTotal", 100, "percent", percent));
	}

	/**
	 * Finishes a train job successfully with its training result.
	 * @param id the job
	 * @param training the {@code training} result (a model card)
	 */
	public void succeed(String id, Map<String, Object> training) {
		Map<String, Object> job = job(id);
		job.put("state", "succeeded");
		job.put("progress", Map.of("stagesDone", 1, "stagesTotal", 1, "tasksDone", 4, "tasksTotal", 4, "percent", 100));
		job.put("result", Map.of("training", training));
		job.put("outputVersion", training.get("modelVersion"));
	}

	/**
	 * Fails a job.
	 * @param id the job
	 * @param code the failure code
	 * @param message the failure
	 */
	public void fail(String id, String code, String message) {
		Map<String, Object> job = job(id);
		job.put("state", "failed");
		job.put("error", Map.of("code", code, "message", message));
	}

	/**
	 * Forgets a job, as if its record were gone.
	 * @param id the job
	 */
	public void forget(String id) {
		this.jobs.remove(id);
	}

	/**
	 * A job.
	 * @param id the job
	 * @return its body, as the fake answers it
	 */
	public Map<String, Object> job(String id) {
		Map<String, Object> job = this.jobs.get(id);
		if (job == null) {
			throw new IllegalArgumentException("no job " + id);
		}
		return job;
	}

	private synchronized void listen(int requestedPort) {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 50);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.port = this.server.getAddress().getPort();
		this.server.createContext("/api/v1/compute/jobs", this::handle);
		this.server.start();
	}

	@SuppressWarnings("unchecked")
	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			this.authorizations.add((authorization != null) ? authorization : "");
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			if (path.equals("/api/v1/compute/jobs") && method.equals("POST")) {
				Map<String, Object> body = JSON.readValue(exchange.getRequestBody().readAllBytes(), Map.class);
				Map<String, Object> problem = this.refusal;
				if (problem != null) {
					this.refusal = null;
					send(exchange, 400, "application/problem+json", problem);
					return;
				}
				this.submissions.add(body);
				String id = UUID.randomUUID().toString();
				Map<String, Object> job = new ConcurrentHashMap<>();
				job.put("id", id);
				job.put("kind", body.get("kind"));
				job.put("state", "queued");
				job.put("owner", "anonymous");
				job.put("progress",
						Map.of("stagesDone", 0, "stagesTotal", 0, "tasksDone", 0, "tasksTotal", 0, "percent", 0));
				if (body.get("output") != null) {
					job.put("output", body.get("output"));
				}
				this.jobs.put(id, job);
				send(exchange, 202, "application/json", job);
				return;
			}
			Matcher matcher = JOB.matcher(path);
			Map<String, Object> job = matcher.matches() ? this.jobs.get(matcher.group(1)) : null;
			if (job == null) {
				send(exchange, 404, "application/problem+json",
						Map.of("type", "https://corelake.dev/errors/COMPUTE_JOB_NOT_FOUND", "title", "Job not found",
								"status", 404, "detail", "No compute job with this id.", "code",
								"COMPUTE_JOB_NOT_FOUND", "service", "compute-service"));
				return;
			}
			String action = matcher.group(2);
			if ("/cancel".equals(action) && method.equals("POST")) {
				job.put("state", "cancelled");
				job.put("error", Map.of("code", "CANCELLED", "message", "Cancelled by anonymous."));
				send(exchange, 202, "application/json", job);
			}
			else if ("/logs".equals(action)) {
				send(exchange, 200, "application/json",
						List.of(Map.of("at", "2026-01-01T00:00:00Z", "level", "INFO", "message", "Training started")));
			}
			else {
				send(exchange, 200, "application/json", job);
			}
		}
	}

	private static void send(HttpExchange exchange, int status, String contentType, Object body) throws IOException {
		byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		stop();
	}

}
