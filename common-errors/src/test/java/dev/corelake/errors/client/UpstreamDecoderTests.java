package dev.corelake.errors.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.Problems;
import feign.Feign;
import feign.Request;
import feign.RequestLine;
import feign.Target;
import feign.codec.DecodeException;
import feign.codec.Decoder;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Calls real local HTTP stubs through a {@code RestClient} and a Feign client, both
 * configured with the contract's client side, and checks that every upstream failure
 * becomes the documented typed exception.
 *
 * @author Corelake
 */
class UpstreamDecoderTests {

	private static final String SERVICE = "catalog-service";

	private static final Duration TIMEOUT = Duration.ofMillis(500);

	private static final String PROBLEM_JSON = "application/problem+json";

	private static final HttpClient HTTP_CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(TIMEOUT)
		.build();

	private static final String DATASET_NOT_FOUND = """
			{"type":"https://corelake.dev/docs/errors#dataset-not-found","title":"Dataset not found",\
			"status":404,"detail":"No dataset named 'sales'.","instance":"/datasets/sales",\
			"code":"DATASET_NOT_FOUND","retryable":false,"service":"catalog-service",\
			"traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}""";

	private static final String CHAINED = """
			{"type":"https://corelake.dev/docs/errors#upstream-unavailable","title":"Upstream unavailable",\
			"status":503,"detail":"storage-service cannot be reached.","code":"UPSTREAM_UNAVAILABLE",\
			"retryable":true,"service":"catalog-service",\
			"upstream":{"service":"storage-service","code":"STORAGE_DOWN","status":503}}""";

	private final CountDownLatch release = new CountDownLatch(1);

	private ExecutorService executor;

	private HttpServer server;

	private ServerSocket resetServer;

	private Thread resetThread;

	@BeforeEach
	void startStubs() throws IOException {
		this.executor = Executors.newCachedThreadPool();
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/problem", (exchange) -> respond(exchange, 404, PROBLEM_JSON, DATASET_NOT_FOUND));
		this.server.createContext("/chain", (exchange) -> respond(exchange, 503, PROBLEM_JSON, CHAINED));
		this.server.createContext("/html",
				(exchange) -> respond(exchange, 500, "text/html", "<html><body>Whitelabel Error Page</body></html>"));
		this.server.createContext("/stall", this::stall);
		this.server.createContext("/truncated", this::truncated);
		this.server.createContext("/cut", this::cut);
		this.server.createContext("/ok", (exchange) -> respond(exchange, 200, "text/plain", "fine"));
		this.server.start();
	}

	@AfterEach
	void stopStubs() throws Exception {
		this.release.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
		assertThat(this.executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		if (this.resetServer != null) {
			this.resetServer.close();
			this.resetThread.join(10_000);
			assertThat(this.resetThread.isAlive()).isFalse();
		}
	}

	@ParameterizedTest
	@EnumSource
	void getWhenUpstreamAnswersProblemThenUpstreamProblemException(Client client) {
		UpstreamProblemException ex = catchThrowableOfType(UpstreamProblemException.class,
				() -> client.get(stub("/problem")));
		assertThat(ex).isNotNull();
		assertThat(ex.getStatusCode().value()).isEqualTo(404);
		assertThat(ex.getUpstreamCode()).isEqualTo("DATASET_NOT_FOUND");
		assertThat(ex.getErrorCode().code()).isEqualTo("DATASET_NOT_FOUND");
		assertThat(ex.getErrorCode().retryable()).isFalse();
		assertThat(ex.getUpstreamService()).isEqualTo(SERVICE);
		assertThat(ex.getBody().getDetail()).isEqualTo("No dataset named 'sales'.");
		assertThat(ex.getBody().getTitle()).isEqualTo("Dataset not found");
		assertThat(ex.getBody().getType()).hasToString("https://corelake.dev/docs/errors#dataset-not-found");
		assertThat(ex.extensions()).containsEntry(Problems.CODE, "DATASET_NOT_FOUND")
			.containsEntry(Problems.RETRYABLE, false);
		assertThat(ex.extensions().get(Problems.UPSTREAM)).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("code", "DATASET_NOT_FOUND")
			.containsEntry("status", 404)
			.containsEntry("detail", "No dataset named 'sales'.")
			.containsEntry("instance", "/datasets/sales")
			.containsEntry("service", SERVICE)
			.containsEntry("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(ex.getUpstreamProblem()).isEqualTo(ex.extensions().get(Problems.UPSTREAM));
	}

	@ParameterizedTest
	@EnumSource
	void getWhenUpstreamProblemHasUpstreamThenChainKept(Client client) {
		UpstreamProblemException ex = catchThrowableOfType(UpstreamProblemException.class,
				() -> client.get(stub("/chain")));
		assertThat(ex).isNotNull();
		assertThat(ex.getStatusCode().value()).isEqualTo(503);
		assertThat(ex.getUpstreamCode()).isEqualTo("UPSTREAM_UNAVAILABLE");
		assertThat(ex.getErrorCode().retryable()).isTrue();
		@SuppressWarnings("unchecked")
		Map<String, Object> upstream = (Map<String, Object>) ex.extensions().get(Problems.UPSTREAM);
		assertThat(upstream).containsEntry("service", SERVICE).containsEntry("code", "UPSTREAM_UNAVAILABLE");
		assertThat(upstream.get(Problems.UPSTREAM)).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("service", "storage-service")
			.containsEntry("code", "STORAGE_DOWN");
	}

	@ParameterizedTest
	@EnumSource
	void getWhenConnectionRefusedThenUpstreamUnavailable(Client client) throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		CorelakeException ex = catchThrowableOfType(CorelakeException.class,
				() -> client.get("http://127.0.0.1:" + closedPort));
		assertUpstreamFailure(ex, CommonErrorCode.UPSTREAM_UNAVAILABLE, 503);
	}

	@ParameterizedTest
	@EnumSource
	void getWhenUpstreamStallsThenUpstreamTimeoutWithinTimeout(Client client) {
		long start = System.nanoTime();
		CorelakeException ex = catchThrowableOfType(CorelakeException.class, () -> client.get(stub("/stall")));
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertUpstreamFailure(ex, CommonErrorCode.UPSTREAM_TIMEOUT, 504);
		assertThat(elapsed).isLessThan(Duration.ofSeconds(5));
		assertThat(this.release.getCount()).isOne();
	}

	@ParameterizedTest
	@EnumSource
	void getWhenUpstreamAnswersHtmlErrorThenBadResponse(Client client) {
		CorelakeException ex = catchThrowableOfType(CorelakeException.class, () -> client.get(stub("/html")));
		assertUpstreamFailure(ex, CommonErrorCode.UPSTREAM_BAD_RESPONSE, 502);
		assertThat(ex.extensions()).containsEntry("upstreamStatus", 500);
		assertThat(ex.getBody().getDetail()).doesNotContain("Whitelabel");
	}

	@ParameterizedTest
	@EnumSource
	void getWhenUpstreamProblemTruncatedThenBadResponse(Client client) {
		CorelakeException ex = catchThrowableOfType(CorelakeException.class, () -> client.get(stub("/truncated")));
		assertUpstreamFailure(ex, CommonErrorCode.UPSTREAM_BAD_RESPONSE, 502);
	}

	@ParameterizedTest
	@EnumSource
	void getWhenConnectionResetThenBadResponse(Client client) throws IOException {
		startResetServer();
		CorelakeException ex = catchThrowableOfType(CorelakeException.class,
				() -> client.get("http://127.0.0.1:" + this.resetServer.getLocalPort()));
		assertUpstreamFailure(ex, CommonErrorCode.UPSTREAM_BAD_RESPONSE, 502);
	}

	@ParameterizedTest
	@EnumSource
	void getWhenUpstreamAnswersOkThenBody(Client client) {
		assertThat(client.get(stub("/ok"))).isEqualTo("fine");
	}

	@Test
	void feignWhenOkAnswerCutOffWhileDecodingThenBadResponse() {
		Api api = feign(new Decoder.Default(), stub("/cut"));
		CorelakeException ex = catchThrowableOfType(CorelakeException.class, api::get);
		assertUpstreamFailure(ex, CommonErrorCode.UPSTREAM_BAD_RESPONSE, 502);
	}

	@Test
	void feignWhenOkAnswerCannotBeDecodedThenBadResponse() {
		Decoder strictJson = (response, type) -> {
			throw new DecodeException(response.status(), "Unexpected character 'f'", response.request());
		};
		Api api = feign(strictJson, stub("/ok"));
		CorelakeException ex = catchThrowableOfType(CorelakeException.class, api::get);
		assertUpstreamFailure(ex, CommonErrorCode.UPSTREAM_BAD_RESPONSE, 502);
	}

	@Test
	void circuitOpenThenServiceUnavailableWithRetryAfter() {
		CorelakeException ex = UpstreamErrors.circuitOpen(SERVICE, Duration.ofMillis(1500));
		assertUpstreamFailure(ex, CommonErrorCode.UPSTREAM_CIRCUIT_OPEN, 503);
		assertThat(ex.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
	}

	@Test
	void circuitOpenWhenRetryAfterUnknownThenRetryAfterOneSecond() {
		CorelakeException ex = UpstreamErrors.circuitOpen(SERVICE, null);
		assertThat(ex.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
	}

	@Test
	void fromFailureWhenCallNotPermittedThenCircuitOpen() {
		CallNotPermittedException notPermitted = CallNotPermittedException
			.createCallNotPermittedException(CircuitBreaker.ofDefaults("x"));
		CorelakeException ex = UpstreamErrors.fromFailure(SERVICE, notPermitted);
		assertUpstreamFailure(ex, CommonErrorCode.UPSTREAM_CIRCUIT_OPEN, 503);
		assertThat(ex.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
	}

	@Test
	void fromFailureWhenBulkheadFullThenBusy() {
		BulkheadFullException full = BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("x"));
		assertUpstreamFailure(UpstreamErrors.fromFailure(SERVICE, full), CommonErrorCode.UPSTREAM_BUSY, 503);
		assertUpstreamFailure(UpstreamErrors.fromFailure(SERVICE, new RuntimeException("wrapped", full)),
				CommonErrorCode.UPSTREAM_BUSY, 503);
	}

	@Test
	void fromFailureWhenAlreadyCorelakeExceptionThenSameException() {
		CorelakeException original = new CorelakeException(CommonErrorCode.CONFLICT, "Locked.");
		assertThat(UpstreamErrors.fromFailure(SERVICE, new IllegalStateException(original))).isSameAs(original);
	}

	@Test
	void fromFailureWhenUnknownFailureThenInternalError() {
		CorelakeException ex = UpstreamErrors.fromFailure(SERVICE, new IllegalArgumentException("bug"));
		assertThat(ex.getErrorCode()).isEqualTo(CommonErrorCode.INTERNAL_ERROR);
		assertThat(ex.getBody().getDetail()).doesNotContain("bug");
	}

	@Test
	void fromResponseWhenJsonIsNotProblemThenBadResponse() {
		CorelakeException ex = UpstreamErrors.fromResponse(SERVICE, 500, "application/json",
				"{\"error\":\"boom\"}".getBytes(StandardCharsets.UTF_8));
		assertUpstreamFailure(ex, CommonErrorCode.UPSTREAM_BAD_RESPONSE, 502);
	}

	@Test
	void fromResponseWhenNoContentTypeThenBadResponse() {
		CorelakeException ex = UpstreamErrors.fromResponse(SERVICE, 404, null,
				DATASET_NOT_FOUND.getBytes(StandardCharsets.UTF_8));
		assertUpstreamFailure(ex, CommonErrorCode.UPSTREAM_BAD_RESPONSE, 502);
	}

	private static void assertUpstreamFailure(CorelakeException ex, CommonErrorCode code, int status) {
		assertThat(ex).isNotNull().isNotInstanceOf(UpstreamProblemException.class);
		assertThat(ex.getErrorCode()).isEqualTo(code);
		assertThat(ex.getStatusCode().value()).isEqualTo(status);
		assertThat(ex.getBody().getStatus()).isEqualTo(status);
		assertThat(ex.getErrorCode().retryable()).isTrue();
		assertThat(ex.extensions()).containsEntry(Problems.CODE, code.code()).containsEntry(Problems.RETRYABLE, true);
		assertThat(ex.extensions().get(Problems.UPSTREAM)).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry(Problems.SERVICE, SERVICE);
	}

	private String stub(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private void stall(HttpExchange exchange) throws IOException {
		try {
			this.release.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		exchange.close();
	}

	/** Declares 200 bytes of problem, writes 20 and drops the connection. */
	private void truncated(HttpExchange exchange) throws IOException {
		byte[] bytes = DATASET_NOT_FOUND.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", PROBLEM_JSON);
		exchange.sendResponseHeaders(500, 200);
		OutputStream out = exchange.getResponseBody();
		out.write(bytes, 0, 20);
		out.flush();
		// Closing with bytes missing makes the server drop the connection
		exchange.close();
	}

	/** Starts a chunked 200 answer and drops the connection in the middle of it. */
	private void cut(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/plain");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		out.write("a".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII));
		out.flush();
		// An exception out of the handler makes the server drop the connection
		throw new IOException("Cut off");
	}

	/** Accepts connections, reads the request head and resets the connection. */
	private void startResetServer() throws IOException {
		this.resetServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.resetThread = new Thread(() -> {
			while (!this.resetServer.isClosed()) {
				try (Socket socket = this.resetServer.accept()) {
					socket.setSoTimeout(5000);
					readRequestHead(socket.getInputStream());
					socket.setSoLinger(true, 0);
				}
				catch (IOException ex) {
					// closed by stopStubs, or the client went away first
				}
			}
		}, "reset-stub");
		this.resetThread.setDaemon(true);
		this.resetThread.start();
	}

	private static void readRequestHead(InputStream in) throws IOException {
		int matched = 0;
		byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		while (matched < end.length) {
			int b = in.read();
			if (b < 0) {
				throw new SocketException("Client closed before sending a request");
			}
			matched = (b == end[matched]) ? matched + 1 : ((b == end[0]) ? 1 : 0);
		}
	}

	private static Api feign(Decoder decoder, String baseUrl) {
		return Feign.builder()
			.addCapability(new UpstreamFeignCapability())
			.decoder(decoder)
			.options(new Request.Options(TIMEOUT.toMillis(), MILLISECONDS, TIMEOUT.toMillis(), MILLISECONDS, true))
			.target(new Target.HardCodedTarget<>(Api.class, SERVICE, baseUrl));
	}

	/** The two HTTP clients the contract supports. */
	enum Client {

		REST_CLIENT {

			@Override
			String get(String baseUrl) {
				JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(HTTP_CLIENT);
				factory.setReadTimeout(TIMEOUT);
				RestClient restClient = UpstreamRestClients
					.decodeProblems(RestClient.builder().baseUrl(baseUrl).requestFactory(factory), SERVICE)
					.build();
				return restClient.get().uri("/x").retrieve().body(String.class);
			}

		},

		FEIGN {

			@Override
			String get(String baseUrl) {
				return feign(new Decoder.Default(), baseUrl).get();
			}

		};

		abstract String get(String baseUrl);

	}

	interface Api {

		@RequestLine("GET /x")
		String get();

	}

}
