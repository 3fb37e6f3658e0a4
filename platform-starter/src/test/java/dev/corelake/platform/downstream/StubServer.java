package dev.corelake.platform.downstream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A downstream service stand-in on a random local port: counts the requests it receives,
 * remembers the last {@code X-Request-Id}, and answers with whatever behaviour the test
 * switches it to.
 */
final class StubServer implements AutoCloseable {

	/** How long a blocked answer waits at most before giving up on its own. */
	private static final long BLOCK_SECONDS = 10;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final AtomicInteger hits = new AtomicInteger();

	private volatile HttpHandler behaviour = ok("{}");

	private volatile String lastRequestId;

	private volatile CountDownLatch release = new CountDownLatch(1);

	private StubServer(HttpServer server) {
		this.server = server;
	}

	static StubServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			StubServer stub = new StubServer(server);
			server.createContext("/", stub::handle);
			server.setExecutor(stub.executor);
			server.start();
			return stub;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A local URL nothing listens on.
	 * @return the URL
	 */
	static String refusingUrl() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return "http://127.0.0.1:" + socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	int hits() {
		return this.hits.get();
	}

	String lastRequestId() {
		return this.lastRequestId;
	}

	/**
	 * Forgets the hits, lets blocked answers finish and answers {@code 200 {}} again.
	 */
	void reset() {
		this.release.countDown();
		this.release = new CountDownLatch(1);
		this.behaviour = ok("{}");
		this.hits.set(0);
		this.lastRequestId = null;
	}

	void respondWith(HttpHandler behaviour) {
		this.behaviour = behaviour;
	}

	/**
	 * Answers only once {@link #reset()} or {@link #close()} releases it (or after
	 * {@value #BLOCK_SECONDS} seconds).
	 * @return the behaviour
	 */
	HttpHandler blocking() {
		CountDownLatch latch = this.release;
		return (exchange) -> {
			try {
				latch.await(BLOCK_SECONDS, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			ok("{}").handle(exchange);
		};
	}

	static HttpHandler ok(String json) {
		return (exchange) -> send(exchange, 200, "application/json", json);
	}

	static HttpHandler problem(int status, String code, boolean retryable) {
		String json = """
				{"type":"https://errors.corelake.dev/%s","title":"Stub problem","status":%d,\
				"detail":"The stub answered %d.","code":"%s","retryable":%s}"""
			.formatted(code.toLowerCase(java.util.Locale.ROOT).replace('_', '-'), status, status, code, retryable);
		return (exchange) -> send(exchange, status, "application/problem+json", json);
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.hits.incrementAndGet();
		this.lastRequestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
		try {
			exchange.getRequestBody().readAllBytes();
			this.behaviour.handle(exchange);
		}
		finally {
			exchange.close();
		}
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.release.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
