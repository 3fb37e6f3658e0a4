package dev.corelake.gateway.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in upstream service on a random loopback port, for tests that need an upstream
 * to misbehave on demand: it answers JSON, a problem, an HTML error page, or stalls
 * (accepts the request and does not answer until released or closed); it counts the
 * requests it receives, how many are stalled right now, and remembers the last request's
 * headers.
 *
 * @author Corelake
 */
public final class StubUpstream implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "stub-upstream");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicInteger hits = new AtomicInteger();

	private final AtomicInteger stalled = new AtomicInteger();

	private volatile Behaviour behaviour = Behaviour.json(200, "{\"stub\":true}");

	private volatile Map<String, List<String>> lastHeaders = Map.of();

	private volatile String lastPath;

	private volatile String lastBody;

	private volatile CountDownLatch release = new CountDownLatch(1);

	private StubUpstream(HttpServer server) {
		this.server = server;
	}

	/**
	 * Starts a stub on a random loopback port, answering {@code 200 {"stub":true}}.
	 * @return the stub
	 */
	public static StubUpstream start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
			StubUpstream stub = new StubUpstream(server);
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
	 * A loopback URL nothing listens on (connections are refused).
	 * @return the URL
	 */
	public static String refusingUrl() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return "http://127.0.0.1:" + socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The stub's base URL.
	 * @return the URL
	 */
	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Switches what the stub answers from now on; stalled requests are released.
	 * @param behaviour the new behaviour
	 * @return this stub
	 */
	public StubUpstream answer(Behaviour behaviour) {
		this.behaviour = behaviour;
		releaseStalled();
		return this;
	}

	/**
	 * How many requests reached the stub.
	 * @return the count
	 */
	public int hits() {
		return this.hits.get();
	}

	/**
	 * How many requests are stalled right now.
	 * @return the count
	 */
	public int stalled() {
		return this.stalled.get();
	}

	/**
	 * A header of the last request, as received.
	 * @param name the header name
	 * @return its values, empty when absent
	 */
	public List<String> lastHeader(String name) {
		return this.lastHeaders.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(List.of());
	}

	/**
	 * The raw path (with query) of the last request.
	 * @return the path
	 */
	public String lastPath() {
		return this.lastPath;
	}

	/**
	 * The body of the last request, as UTF-8 text.
	 * @return the body (empty when none)
	 */
	public String lastBody() {
		return this.lastBody;
	}

	/** Lets every stalled request finish (they are answered with a 200). */
	public void releaseStalled() {
		CountDownLatch previous = this.release;
		this.release = new CountDownLatch(1);
		previous.countDown();
	}

	@Override
	public void close() {
		releaseStalled();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.hits.incrementAndGet();
		this.lastHeaders = Map.copyOf(exchange.getRequestHeaders());
		this.lastPath = exchange.getRequestURI().getRawPath() + ((exchange.getRequestURI().getRawQuery() != null)
				? "?" + exchange.getRequestURI().getRawQuery() : "");
		this.lastBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		Behaviour current = this.behaviour;
		if (current.stall() != null) {
			this.stalled.incrementAndGet();
			try {
				this.release.await(current.stall().toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.stalled.decrementAndGet();
			}
		}
		if (current.status() < 0) {
			// drop the connection without an answer
			exchange.close();
			return;
		}
		byte[] body = current.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", current.contentType());
		if (current.rest() != null) {
			stream(exchange, current, body);
			return;
		}
		exchange.sendResponseHeaders(current.status(), (body.length > 0) ? body.length : -1);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/** Sends the first part, holds the rest until released (counted as stalled). */
	private void stream(HttpExchange exchange, Behaviour current, byte[] first) throws IOException {
		exchange.sendResponseHeaders(current.status(), 0);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(first);
			out.flush();
			this.stalled.incrementAndGet();
			try {
				this.release.await(current.restAfter().toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.stalled.decrementAndGet();
			}
			out.write(current.rest().getBytes(StandardCharsets.UTF_8));
		}
	}

	/**
	 * What the stub answers.
	 *
	 * @param status the status
	 * @param contentType the content type
	 * @param body the body
	 * @param stall how long to hold each request before answering, {@code null} for not
	 * at all
	 * @param rest for a streamed answer, what follows the body once the stub is released
	 * (or {@code restAfter} has passed), else {@code null}
	 * @param restAfter how long the rest is held at most
	 */
	public record Behaviour(int status, String contentType, String body, Duration stall, String rest,
			Duration restAfter) {

		/**
		 * An answer without a streamed rest.
		 * @param status the status
		 * @param contentType the content type
		 * @param body the body
		 * @param stall how long to hold each request before answering, {@code null} for
		 * not at all
		 */
		public Behaviour(int status, String contentType, String body, Duration stall) {
			this(status, contentType, body, stall, null, null);
		}

		/**
		 * A {@code text/event-stream} answer in two parts: the first at once, the rest
		 * when the stub is released or the time has passed.
		 * @param first the first events
		 * @param rest the events after
		 * @param restAfter how long the rest is held at most
		 * @return the behaviour
		 */
		public static Behaviour events(String first, String rest, Duration restAfter) {
			return new Behaviour(200, "text/event-stream", first, null, rest, restAfter);
		}

		/**
		 * A JSON answer.
		 * @param status the status
		 * @param json the body
		 * @return the behaviour
		 */
		public static Behaviour json(int status, String json) {
			return new Behaviour(status, "application/json", json, null);
		}

		/**
		 * A problem answer of the service itself.
		 * @param status the status
		 * @param code the problem's code
		 * @return the behaviour
		 */
		public static Behaviour problem(int status, String code) {
			return new Behaviour(status, "application/problem+json",
					"{\"type\":\"https://corelake.dev/docs/errors#stub\",\"title\":\"Stub\",\"status\":" + status
							+ ",\"detail\":\"The stub says no.\",\"code\":\"" + code
							+ "\",\"retryable\":false,\"service\":\"stub-service\"}",
					null);
		}

		/**
		 * An HTML error page (not a problem).
		 * @param status the status
		 * @return the behaviour
		 */
		public static Behaviour html(int status) {
			return new Behaviour(status, "text/html", "<html><body>Oops</body></html>", null);
		}

		/**
		 * Closes each connection without answering.
		 * @return the behaviour
		 */
		public static Behaviour drop() {
			return new Behaviour(-1, "text/plain", "", null);
		}

		/**
		 * Holds each request for up to the given time (or until released), then answers
		 * 200.
		 * @param stall how long
		 * @return the behaviour
		 */
		public static Behaviour stall(Duration stall) {
			return new Behaviour(200, "application/json", "{\"late\":true}", stall);
		}

	}

}
