package dev.corelake.sync.net;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import dev.corelake.errors.CorelakeException;
import dev.corelake.sync.system.SourcePolicyProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Server-side request forgery attempts against URL sources, each refused before a byte
 * leaves for a forbidden address: loopback, private, link-local and metadata addresses
 * written plainly or in decimal, hex, octal and shortened forms, names that resolve to
 * loopback, redirects to loopback or off the allowlist, other schemes. And the other
 * side: an allowed server is read, error statuses and refused connections are reported
 * with their own codes. The servers are real, on loopback.
 *
 * @author Corelake
 */
class UrlFetcherTests {

	private HttpServer server;

	private int port;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
		this.server.createContext("/data.csv", (exchange) -> {
			byte[] body = "id\n1\n2\n".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("ETag", "\"v1\"");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.createContext("/to-loopback",
				(exchange) -> redirect(exchange, "http://127.0.0.2:" + this.port + "/data.csv"));
		this.server.createContext("/to-metadata", (exchange) -> redirect(exchange, "http://169.254.169.254/latest/"));
		this.server.createContext("/to-elsewhere", (exchange) -> redirect(exchange, "http://not-allowed.example/x"));
		this.server.createContext("/to-self", (exchange) -> redirect(exchange, "/data.csv"));
		this.server.createContext("/loop", (exchange) -> redirect(exchange, "/loop"));
		this.server.createContext("/broken", (exchange) -> {
			exchange.sendResponseHeaders(500, -1);
			exchange.close();
		});
		this.server.start();
		this.port = this.server.getAddress().getPort();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1/x", "http://127.1/x", "http://2130706433/x", "http://0x7f000001/x",
			"http://0x7f.0.0.1/x", "http://0177.0.0.1/x", "http://017700000001/x", "http://[::1]/x",
			"http://[::ffff:127.0.0.1]/x", "http://[0:0:0:0:0:ffff:7f00:1]/x",
			"http://169.254.169.254/latest/meta-data", "http://[fd00:ec2::254]/latest", "http://10.0.0.1/x",
			"http://172.16.5.4/x", "http://192.168.1.1/x", "http://100.100.100.200/x", "http://0.0.0.0/x",
			"http://[::]/x", "http://[64:ff9b::7f00:1]/x", "http://[2002:7f00:1::]/x", "http://224.0.0.1/x" })
	void checkWhenAddressIsSpecialInAnyFormThenRefused(String url) {
		UrlFetcher fetcher = fetcher(List.of("*"), List.of());
		assertThatExceptionOfType(CorelakeException.class).isThrownBy(() -> fetcher.check(URI.create(url)))
			.satisfies((ex) -> assertThat(ex.getErrorCode().code()).isEqualTo("SOURCE_NOT_ALLOWED"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "file:///etc/passwd", "ftp://example.com/x", "gopher://example.com/x",
			"jar:http://example.com/x!/y", "http://user:secret@example.com/x", "http:///x" })
	void checkWhenSchemeOrFormIsWrongThenRefused(String url) {
		UrlFetcher fetcher = fetcher(List.of("*"), List.of());
		assertThatExceptionOfType(CorelakeException.class).isThrownBy(() -> fetcher.check(URI.create(url)))
			.satisfies((ex) -> assertThat(ex.getErrorCode().code()).isEqualTo("SOURCE_NOT_ALLOWED"));
	}

	@Test
	void checkWhenHostIsNotOnTheAllowlistThenRefused() {
		UrlFetcher fetcher = fetcher(List.of("data.example.com", "*.files.example.org"), List.of());
		fetcher.check(URI.create("https://data.example.com/a.csv"));
		fetcher.check(URI.create("https://eu.files.example.org/a.csv"));
		assertThatExceptionOfType(CorelakeException.class)
			.isThrownBy(() -> fetcher.check(URI.create("https://example.com/a.csv")));
		assertThatExceptionOfType(CorelakeException.class)
			.isThrownBy(() -> fetcher.check(URI.create("https://evilfiles.example.org/a.csv")));
		assertThatExceptionOfType(CorelakeException.class)
			.isThrownBy(() -> fetcher(List.of(), List.of()).check(URI.create("https://data.example.com/a.csv")));
	}

	@Test
	void openWhenNameResolvesToLoopbackThenRefusedBeforeConnecting() {
		UrlFetcher fetcher = fetcher(List.of("localhost"), List.of());
		assertThatExceptionOfType(CorelakeException.class)
			.isThrownBy(() -> fetcher.open(URI.create("http://localhost:" + this.port + "/data.csv")))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode().code()).isEqualTo("SOURCE_NOT_ALLOWED");
				assertThat(ex.getBody().getDetail()).contains("resolves to 127.0.0.1");
			});
	}

	@Test
	void openWhenServerIsAllowedThenItsBodyIsRead() throws IOException {
		UrlFetcher fetcher = fetcher(List.of("127.0.0.1"), List.of("127.0.0.1/32"));
		try (UrlFetcher.Fetched fetched = fetcher.open(URI.create(base() + "/to-self"))) {
			assertThat(new String(fetched.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("id\n1\n2\n");
			assertThat(fetched.etag()).isEqualTo("\"v1\"");
			assertThat(fetched.contentLength()).isEqualTo(7);
			assertThat(fetched.finalUri().getPath()).isEqualTo("/data.csv");
		}
	}

	@Test
	void openWhenRedirectedToLoopbackMetadataOrAnotherHostThenRefused() {
		UrlFetcher fetcher = fetcher(List.of("127.0.0.1", "127.0.0.2"), List.of("127.0.0.1/32"));
		for (String path : List.of("/to-loopback", "/to-metadata", "/to-elsewhere")) {
			assertThatExceptionOfType(CorelakeException.class).isThrownBy(() -> fetcher.open(URI.create(base() + path)))
				.satisfies((ex) -> assertThat(ex.getErrorCode().code()).as(path).isEqualTo("SOURCE_NOT_ALLOWED"));
		}
	}

	@Test
	void openWhenRedirectsLoopOrServerFailsThenReadFailed() {
		UrlFetcher fetcher = fetcher(List.of("127.0.0.1"), List.of("127.0.0.1/32"));
		assertThatExceptionOfType(CorelakeException.class).isThrownBy(() -> fetcher.open(URI.create(base() + "/loop")))
			.satisfies((ex) -> assertThat(ex.getBody().getDetail()).contains("More than 5 redirects"));
		assertThatExceptionOfType(CorelakeException.class)
			.isThrownBy(() -> fetcher.open(URI.create(base() + "/broken")))
			.satisfies((ex) -> assertThat(ex.getErrorCode().code()).isEqualTo("SOURCE_READ_FAILED"));
	}

	@Test
	void openWhenNothingListensThenUnreachable() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		UrlFetcher fetcher = fetcher(List.of("127.0.0.1"), List.of("127.0.0.1/32"));
		assertThatExceptionOfType(CorelakeException.class)
			.isThrownBy(() -> fetcher.open(URI.create("http://127.0.0.1:" + closed + "/x")))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode().code()).isEqualTo("SOURCE_UNREACHABLE");
				assertThat(ex.getErrorCode().retryable()).isTrue();
			});
	}

	@Test
	void addressPolicyWhenNetworksAreAllowedThenOnlyThoseOpen() throws IOException {
		AddressPolicy policy = new AddressPolicy(false, List.of("10.20.0.0/16"));
		assertThat(policy.allows(InetAddress.getByName("10.20.3.4"))).isTrue();
		assertThat(policy.allows(InetAddress.getByName("10.21.3.4"))).isFalse();
		assertThat(policy.allows(InetAddress.getByName("93.184.216.34"))).isTrue();
		assertThat(new AddressPolicy(true, List.of()).allows(InetAddress.getByName("127.0.0.1"))).isTrue();
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

	private static UrlFetcher fetcher(List<String> hosts, List<String> networks) {
		return new UrlFetcher(new SourcePolicyProperties.Url(hosts, false, networks, Duration.ofSeconds(2),
				Duration.ofSeconds(2), 5));
	}

	private static void redirect(com.sun.net.httpserver.HttpExchange exchange, String location) throws IOException {
		exchange.getResponseHeaders().set("Location", location);
		exchange.sendResponseHeaders(302, -1);
		exchange.close();
	}

}
