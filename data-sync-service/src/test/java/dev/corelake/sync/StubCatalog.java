package dev.corelake.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for catalog-service on loopback, answering the three calls data-sync-service
 * makes (read a dataset, create one, register a version) as the real one does, including
 * the idempotent registration (a repeated {@code producedBy} answers 200 with the
 * existing version). It can be stopped and started again on the same port, so that a test
 * sees connection refused, as when the real service is down.
 *
 * @author Corelake
 */
public final class StubCatalog implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Map<String, Object>> datasets = new ConcurrentHashMap<>();

	private final List<Map<String, Object>> registrations = new CopyOnWriteArrayList<>();

	private final AtomicInteger registrationCalls = new AtomicInteger();

	private HttpServer server;

	private int port;

	/**
	 * Starts the stub on a random loopback port.
	 * @return the stub
	 */
	public static StubCatalog start() {
		StubCatalog stub = new StubCatalog();
		stub.listen(0);
		return stub;
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
	 * Registrations stored (one per distinct {@code producedBy}).
	 * @return the registered versions' bodies
	 */
	public List<Map<String, Object>> registrations() {
		return List.copyOf(this.registrations);
	}

	/**
	 * Registrations for a dataset.
	 * @param dataset the dataset
	 * @return the bodies
	 */
	public List<Map<String, Object>> registrations(String dataset) {
		List<Map<String, Object>> found = new ArrayList<>();
		for (Map<String, Object> registration : this.registrations) {
			if (dataset.equals(registration.get("dataset"))) {
				found.add(registration);
			}
		}
		return found;
	}

	/**
	 * A dataset, as created.
	 * @param name the name
	 * @return its body, or {@code null}
	 */
	public Map<String, Object> dataset(String name) {
		return this.datasets.get(name);
	}

	/**
	 * Adds a dataset owned by someone.
	 * @param name the name
	 * @param owner the owner
	 */
	public void putDataset(String name, String owner) {
		Map<String, Object> dataset = new LinkedHashMap<>();
		dataset.put("name", name);
		dataset.put("owner", owner);
		dataset.put("latestVersion", 0);
		this.datasets.put(name, dataset);
	}

	/**
	 * How many registration requests arrived (including repeats).
	 * @return the count
	 */
	public int registrationCalls() {
		return this.registrationCalls.get();
	}

	@Override
	public void close() {
		stop();
	}

	private synchronized void listen(int port) {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot listen on " + port, ex);
		}
		this.server.createContext("/api/v1/datasets", this::handle);
		this.server.start();
		this.port = this.server.getAddress().getPort();
	}

	@SuppressWarnings("unchecked")
	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String[] parts = path.split("/");
			String method = exchange.getRequestMethod();
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			if (method.equals("POST") && parts.length == 4) {
				Map<String, Object> request = JSON.readValue(body, Map.class);
				String name = (String) request.get("name");
				if (this.datasets.containsKey(name)) {
					problem(exchange, 409, "DATASET_ALREADY_EXISTS");
					return;
				}
				putDataset(name, (String) request.get("owner"));
				send(exchange, 201, this.datasets.get(name));
				return;
			}
			if (method.equals("GET") && parts.length == 5) {
				Map<String, Object> dataset = this.datasets.get(parts[4]);
				if (dataset == null) {
					problem(exchange, 404, "DATASET_NOT_FOUND");
					return;
				}
				send(exchange, 200, dataset);
				return;
			}
			if (method.equals("POST") && parts.length == 6 && parts[5].equals("versions")) {
				this.registrationCalls.incrementAndGet();
				String name = parts[4];
				Map<String, Object> dataset = this.datasets.get(name);
				if (dataset == null) {
					problem(exchange, 404, "DATASET_NOT_FOUND");
					return;
				}
				Map<String, Object> request = JSON.readValue(body, Map.class);
				synchronized (this) {
					for (Map<String, Object> existing : this.registrations) {
						if (name.equals(existing.get("dataset"))
								&& request.get("producedBy").equals(existing.get("producedBy"))) {
							send(exchange, 200, existing);
							return;
						}
					}
					int version = ((Integer) dataset.get("latestVersion")) + 1;
					dataset.put("latestVersion", version);
					Map<String, Object> registered = new LinkedHashMap<>(request);
					registered.put("dataset", name);
					registered.put("version", version);
					this.registrations.add(registered);
					send(exchange, 201, registered);
				}
				return;
			}
			problem(exchange, 404, "NOT_FOUND");
		}
	}

	private static void problem(HttpExchange exchange, int status, String code) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", code);
		problem.put("status", status);
		problem.put("detail", code);
		problem.put("code", code);
		problem.put("retryable", false);
		byte[] bytes = JSON.writeValueAsBytes(problem);
		exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static void send(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
