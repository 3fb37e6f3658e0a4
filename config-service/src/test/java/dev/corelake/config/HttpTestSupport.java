package dev.corelake.config;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.corelake.platform.security.test.TestJwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.corelake.errors.test.ProblemAssert.assertThatProblem;

/**
 * Real HTTP against a config-service on a random port, with tokens from a real JWKS on
 * loopback (started and stopped per test class).
 *
 * @author Corelake
 */
public abstract class HttpTestSupport {

	protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	protected static TestJwtIssuer issuer;

	@BeforeAll
	static void startIssuer() {
		issuer = TestJwtIssuer.start();
	}

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	@DynamicPropertySource
	static void authUrl(DynamicPropertyRegistry registry) {
		registry.add("corelake.platform.security.auth-url", () -> issuer.authUrl().toString());
	}

	protected abstract int port();

	protected static String admin() {
		return issuer.token("alice", "ADMIN");
	}

	protected static String viewer() {
		return issuer.token("victor", "VIEWER");
	}

	protected static String client(String name, String scopes) {
		return issuer.token(name,
				(claims) -> claims.claim("roles", java.util.List.of()).claim("scope", scopes).claim("client_id", name),
				(header) -> {
				});
	}

	protected HttpResponse<String> send(String method, String path, String token, String json, String... headers)
			throws IOException, InterruptedException {
		return HTTP.send(request(port(), method, path, token, json, headers), HttpResponse.BodyHandlers.ofString());
	}

	protected CompletableFuture<HttpResponse<String>> sendAsync(String path, String token) {
		return HTTP.sendAsync(request(port(), "GET", path, token, null), HttpResponse.BodyHandlers.ofString());
	}

	protected static HttpRequest request(int port, String method, String path, String token, String json,
			String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(20))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return request.build();
	}

	protected static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThatProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
				response.body())
			.isConformant()
			.hasStatus(status)
			.hasCode(code);
	}

}
