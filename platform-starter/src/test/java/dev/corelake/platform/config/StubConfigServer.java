package dev.corelake.platform.config;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for config-service's two read endpoints, {@code GET
 * /api/v1/config/views/{ns}} and its long-poll {@code /watch}, on a local port: enough to
 * drive the config client without depending on config-service (which depends on this
 * module). Views carry one store-wide revision, like the real service; a watch answers at
 * once when the view is newer, else waits for a {@link #set write} and answers 304 after
 * {@value #HOLD_MILLIS} ms. Every call must carry {@code Bearer} {@value #TOKEN} (unless
 * told to {@link #acceptOnly accept another}).
 */
final class StubConfigServer implements AutoCloseable {

	static final String TOKEN = "stub-token";

	private static final long HOLD_MILLIS = 1000;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Map<String, View> views = new HashMap<>();

	private final AtomicInteger viewReads = new AtomicInteger();

	private long revision;

	private volatile String acceptedToken = TOKEN;

	private StubConfigServer(HttpServer server) {
		this.server = server;
	}

	static StubConfigServer start(int port) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
			StubConfigServer stub = new StubConfigServer(server);
			server.createContext("/api/v1/config/views/", stub::handle);
			server.setExecutor(stub.executor);
			server.start();
			return stub;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Accepts only another token from now on, so the client's is refused (401).
	 * @param token the token to accept
	 */
	void acceptOnly(String token) {
		this.acceptedToken = token;
	}

	int viewReads() {
		return this.viewReads.get();
	}

	/**
	 * Replaces a namespace's view with a new revision and wakes its watches.
	 * @param namespace the namespace
	 * @param properties the properties
	 * @param secrets keys whose values are secret
	 */
	synchronized void set(String namespace, Map<String, String> properties, String... secrets) {
		this.revision++;
		this.views.put(namespace, new View(this.revision, new LinkedHashMap<>(properties), List.of(secrets)));
		notifyAll();
	}

	private synchronized View view(String namespace) {
		return this.views.getOrDefault(namespace, new View(0, Map.of(), List.of()));
	}

	private synchronized View newerThan(String namespace, long known) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HOLD_MILLIS);
		while (view(namespace).revision() <= known) {
			long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			if (left <= 0) {
				return null;
			}
			wait(left);
		}
		return view(namespace);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try {
			if (!("Bearer " + this.acceptedToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
				send(exchange, 401, "{\"code\":\"AUTHENTICATION_REQUIRED\"}");
				return;
			}
			URI uri = exchange.getRequestURI();
			String rest = uri.getPath().substring("/api/v1/config/views/".length());
			Map<String, String> query = query(uri.getRawQuery());
			if (rest.endsWith("/watch")) {
				String namespace = rest.substring(0, rest.length() - "/watch".length());
				View newer = newerThan(namespace, Long.parseLong(query.get("revision")));
				if (newer == null) {
					exchange.sendResponseHeaders(304, -1);
					return;
				}
				send(exchange, 200, newer.json(namespace, query.get("profile")));
				return;
			}
			this.viewReads.incrementAndGet();
			send(exchange, 200, view(rest).json(rest, query.get("profile")));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			exchange.close();
		}
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> query = new HashMap<>();
		for (String pair : (raw != null) ? raw.split("&") : new String[0]) {
			int equals = pair.indexOf('=');
			query.put(pair.substring(0, equals), pair.substring(equals + 1));
		}
		return query;
	}

	private static void send(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		synchronized (this) {
			notifyAll();
		}
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private record View(long revision, Map<String, String> properties, List<String> secrets) {

		String json(String namespace, String profile) {
			return ConfigJson
				.write(new ConfigSnapshot(namespace, profile, this.revision, this.properties, this.secrets));
		}

	}

}
