package dev.corelake.platform.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.corelake.platform.security.test.TestJwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * auth-service down: tokens already issued keep working, well past the key cache's
 * lifetime, because the last good key set is kept while the JWKS cannot be fetched.
 *
 * @author Corelake
 */
@SpringBootTest(classes = AuthOutageTests.TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "corelake.platform.security.jwks-cache-ttl=1s",
				"corelake.platform.security.revocation-poll-interval=200ms" })
@DirtiesContext
class AuthOutageTests {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static TestJwtIssuer issuer;

	@LocalServerPort
	private int port;

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

	@Test
	void authServiceStoppedThenIssuedTokensKeepWorking() throws Exception {
		String token = issuer.token("alice", "DATA_ENGINEER");
		assertThat(status(token)).isEqualTo(200);
		issuer.close();
		// three times the cache lifetime, with auth-service gone
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(6))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> status(token) == 200);
		assertThat(status(issuer.tokenFromUnknownKey("mallory"))).isEqualTo(401);
	}

	private int status(String token) throws Exception {
		return HTTP
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/ping"))
				.header("Authorization", "Bearer " + token)
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(PingController.class)
	static class TestApplication {

	}

	@RestController
	static class PingController {

		@GetMapping("/api/v1/ping")
		String ping() {
			return "pong";
		}

	}

}
