package dev.corelake.compute;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Relays HTTP to catalog-service; compute-service under test reaches the catalog through
 * it. Passes everything by default; told to, refuses version registrations (the
 * connection is closed without an answer, as a catalog going away would) or drops the
 * answer of the next one after the catalog handled it.
 *
 * @author Corelake
 */
public final class CatalogRelay implements AutoCloseable {

	public final AtomicBoolean refuseRegistrations = new AtomicBoolean();

	public final AtomicBoolean dropNextRegistrationAnswer = new AtomicBoolean();

	public final AtomicInteger refusedRegistrations = new AtomicInteger();

	public final AtomicInteger droppedAnswers = new AtomicInteger();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String target;

	private final HttpServer server;

	private CatalogRelay(String target) throws IOException {
		this.target = target;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
		this.server.createContext("/", this::relay);
		this.server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
		this.server.start();
	}

	/**
	 * Starts a relay to a catalog.
	 * @param target the catalog's base URL
	 * @return the relay
	 */
	public static CatalogRelay start(String target) {
		try {
			return new CatalogRelay(target);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * Where the relay answers.
	 * @return its base URL
	 */
	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void relay(HttpExchange exchange) throws IOException {
		boolean registration = exchange.getRequestMethod().equals("POST")
				&& exchange.getRequestURI().getPath().matches("/api/v1/datasets/[^/]+/versions");
		if (registration && this.refuseRegistrations.get()) {
			this.refusedRegistrations.incrementAndGet();
			exchange.close();
			return;
		}
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.target + exchange.getRequestURI()))
			.timeout(Duration.ofSeconds(30))
			.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
		exchange.getRequestHeaders().forEach((name, values) -> {
			if (!List.of("host", "connection", "content-length", "transfer-encoding", "expect", "upgrade")
				.contains(name.toLowerCase(java.util.Locale.ROOT))) {
				values.forEach((value) -> request.header(name, value));
			}
		});
		HttpResponse<byte[]> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			exchange.close();
			return;
		}
		if (registration && this.dropNextRegistrationAnswer.compareAndSet(true, false)) {
			this.droppedAnswers.incrementAndGet();
			exchange.close();
			return;
		}
		response.headers().map().forEach((name, values) -> {
			if (!List.of("content-length", "transfer-encoding", "connection", ":status")
				.contains(name.toLowerCase(java.util.Locale.ROOT))) {
				exchange.getResponseHeaders().put(name, values);
			}
		});
		byte[] answer = response.body();
		exchange.sendResponseHeaders(response.statusCode(), (answer.length == 0) ? -1 : answer.length);
		if (answer.length > 0) {
			exchange.getResponseBody().write(answer);
		}
		exchange.close();
	}

	/** Passes everything again and zeroes the counters. */
	public void reset() {
		this.refuseRegistrations.set(false);
		this.dropNextRegistrationAnswer.set(false);
		this.refusedRegistrations.set(0);
		this.droppedAnswers.set(0);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
