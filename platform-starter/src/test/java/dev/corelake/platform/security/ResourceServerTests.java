package dev.corelake.platform.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.corelake.platform.security.test.TestJwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static dev.corelake.errors.test.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The resource server every service gets, attacked with the usual JWT tricks over real
 * HTTP. Each bad token must be a 401 problem; the controller must never run for it.
 *
 * @author Corelake
 */
@SpringBootTest(classes = ResourceServerTests.TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=secured-service", "management.server.port=0",
				"corelake.platform.security.revocation-poll-interval=200ms",
				"corelake.platform.security.jwks-cache-ttl=2s",
				"corelake.platform.security.jwks-refresh-min-interval=1s" })
@DirtiesContext
class ResourceServerTests {

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
	void requestWithValidTokenThenServed() throws Exception {
		HttpResponse<String> response = get("/api/v1/things", issuer.token("alice", "DATA_ENGINEER"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("things for alice");
	}

	@Test
	void requestWithoutTokenThenAuthenticationRequired() throws Exception {
		HttpResponse<String> response = get("/api/v1/things", null);
		assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant()
			.hasStatus(401)
			.hasCode("AUTHENTICATION_REQUIRED");
		assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
	}

	@ParameterizedTest
	@ValueSource(strings = { "none", "None", "NONE", "nOnE" })
	void unsignedTokenThenInvalid(String alg) throws Exception {
		String header = b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}");
		String payload = b64(TestJwtIssuer.claims("mallory", "ADMIN").build().toString());
		assertInvalid(header + "." + payload + ".");
	}

	@Test
	void logoutPathIsAnOrdinaryProtectedPathNotASessionLogout() throws Exception {
		// no session, so no logout endpoint: POST /logout is not answered with a redirect
		HttpResponse<String> post = HTTP
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/logout"))
				.timeout(Duration.ofSeconds(10))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThatProblem(post.statusCode(), contentType(post), post.body()).isConformant()
			.hasStatus(401)
			.hasCode("AUTHENTICATION_REQUIRED");
		HttpResponse<String> get = get("/logout", null);
		assertThatProblem(get.statusCode(), contentType(get), get.body()).isConformant()
			.hasStatus(401)
			.hasCode("AUTHENTICATION_REQUIRED");
	}

	@Test
	void hmacSignedWithThePublicKeyThenInvalid() throws Exception {
		String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
		String payload = b64(TestJwtIssuer.claims("mallory", "ADMIN").build().toString());
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(issuer.publicKey().getEncoded(), "HmacSHA256"));
		String signature = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
		assertInvalid(header + "." + payload + "." + signature);
	}

	@Test
	void signatureStrippedThenInvalid() throws Exception {
		String token = issuer.token("alice", "DATA_ENGINEER");
		assertInvalid(token.substring(0, token.lastIndexOf('.') + 1));
	}

	@Test
	void claimsChangedAfterSigningThenInvalid() throws Exception {
		String[] parts = issuer.token("alice", "VIEWER").split("\\.");
		String forged = b64(TestJwtIssuer.claims("alice", "ADMIN").build().toString());
		assertInvalid(parts[0] + "." + forged + "." + parts[2]);
	}

	@Test
	void expiredTokenThenExpired() throws Exception {
		String token = issuer.token("alice",
				(claims) -> claims.expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5))))
					.issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(15))))
					.notBeforeTime(Date.from(Instant.now().minus(Duration.ofMinutes(15)))),
				(header) -> {
				});
		HttpResponse<String> response = get("/api/v1/things", token);
		assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant()
			.hasStatus(401)
			.hasCode("TOKEN_EXPIRED");
	}

	@Test
	void notBeforeInTheFutureThenRefused() throws Exception {
		String token = issuer.token("alice",
				(claims) -> claims.notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(5)))), (header) -> {
				});
		HttpResponse<String> response = get("/api/v1/things", token);
		assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant()
			.hasStatus(401)
			.hasCode("TOKEN_EXPIRED");
	}

	@Test
	void wrongIssuerThenInvalid() throws Exception {
		assertInvalid(issuer.token("alice", (claims) -> claims.issuer("https://evil.example"), (header) -> {
		}));
	}

	@Test
	void wrongAudienceThenInvalid() throws Exception {
		assertInvalid(issuer.token("alice", (claims) -> claims.audience("another-system"), (header) -> {
		}));
	}

	@Test
	void tokenThatIsNotAnAccessTokenThenInvalid() throws Exception {
		assertInvalid(issuer.token("alice", (claims) -> {
		}, (header) -> header.type(com.nimbusds.jose.JOSEObjectType.JWT)));
		assertInvalid(issuer.token("alice", (claims) -> {
		}, (header) -> header.type(null)));
	}

	@Test
	void missingTokenIdThenInvalid() throws Exception {
		assertInvalid(issuer.token("alice", (claims) -> claims.jwtID(null), (header) -> {
		}));
	}

	@ParameterizedTest
	@ValueSource(strings = { "unknown-key", "../../../etc/passwd", "' OR '1'='1' --", "%00", "http://evil.example/k" })
	void unknownOrHostileKeyIdThenInvalidAndFetchesStayBounded(String kid) throws Exception {
		get("/api/v1/things", issuer.token("warmup", "VIEWER"));
		int before = issuer.jwksFetches();
		long started = System.nanoTime();
		for (int i = 0; i < 5; i++) {
			assertInvalid(issuer.token("alice", (claims) -> {
			}, (header) -> header.keyID(kid)));
		}
		long elapsedSeconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
		// an unknown kid may trigger a refetch, rate limited to one per interval (1 s
		// here): at most one per started second (on a loaded machine the five requests
		// can take longer than one interval), never one per request
		assertThat(issuer.jwksFetches() - before).isLessThanOrEqualTo(Math.min(4, (int) elapsedSeconds + 2));
	}

	@Test
	void keyHeadersPointingElsewhereAreIgnored() throws Exception {
		String attackerSigned = issuer.tokenFromUnknownKey("mallory");
		assertInvalid(attackerSigned);
		RSAKey attacker = new RSAKey.Builder(issuer.publicKey()).keyID("attacker").build();
		String withHeaders = issuer.token("mallory", (claims) -> {
		}, (header) -> header.jwkURL(URI.create("http://evil.example/jwks.json"))
			.x509CertURL(URI.create("http://evil.example/cert.pem"))
			.jwk(attacker));
		// the keys named in the header are never fetched; the published key still
		// verifies
		assertThat(get("/api/v1/things", withHeaders).statusCode()).isEqualTo(200);
		assertInvalid(issuer.token("mallory", (claims) -> {
		}, (header) -> header.keyID("attacker").jwk(attacker)));
	}

	@Test
	void tokenOverEightKilobytesThenInvalid() throws Exception {
		String huge = issuer.token("alice", (claims) -> claims.claim("padding", "x".repeat(9000)), (header) -> {
		});
		assertInvalid(huge);
	}

	@Test
	void revokedTokenStopsWorkingWithinThePollInterval() throws Exception {
		String token = issuer.token("alice", "DATA_ENGINEER");
		assertThat(get("/api/v1/things", token).statusCode()).isEqualTo(200);
		issuer.revoke((String) TestJwtIssuer.claimsOf(token).get("jti"));
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> get("/api/v1/things", token).statusCode() == 401);
	}

	@Test
	void roleMissingThenAccessDenied() throws Exception {
		HttpResponse<String> response = get("/api/v1/admin", issuer.token("victor", "VIEWER"));
		assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant()
			.hasStatus(403)
			.hasCode("ACCESS_DENIED");
		assertThat(get("/api/v1/admin", issuer.token("ada", "ADMIN")).statusCode()).isEqualTo(200);
	}

	@Test
	void unknownRoleNamesGrantNothing() throws Exception {
		assertThat(get("/api/v1/admin", issuer.token("eve", "admin", "ROLE_ADMIN", "SUPERUSER")).statusCode())
			.isEqualTo(403);
	}

	@Test
	void retiredKeyStopsWorkingOnceTheKeySetIsRefreshed() throws Exception {
		String oldToken = issuer.token("alice", "DATA_ENGINEER");
		assertThat(get("/api/v1/things", oldToken).statusCode()).isEqualTo(200);
		issuer.rotate();
		String newToken = issuer.token("alice", "DATA_ENGINEER");
		await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/v1/things", newToken).statusCode() == 200);
		assertThat(get("/api/v1/things", oldToken).statusCode()).as("old key still published").isEqualTo(200);
		issuer.retireOldKeys();
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> get("/api/v1/things", oldToken).statusCode() == 401);
		assertThat(get("/api/v1/things", newToken).statusCode()).isEqualTo(200);
	}

	private void assertInvalid(String token) throws Exception {
		HttpResponse<String> response = get("/api/v1/things", token);
		assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant()
			.hasStatus(401)
			.hasCode("TOKEN_INVALID");
		assertThat(response.body()).doesNotContain("things for");
	}

	private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(10));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String contentType(HttpResponse<String> response) {
		return response.headers().firstValue("Content-Type").orElse(null);
	}

	private static String b64(String json) {
		return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ThingsController.class)
	static class TestApplication {

	}

	@RestController
	static class ThingsController {

		@GetMapping("/api/v1/things")
		String things(java.security.Principal principal) {
			return "things for " + principal.getName();
		}

		@GetMapping("/api/v1/admin")
		@PreAuthorize("hasRole('ADMIN')")
		Map<String, List<String>> admin() {
			return Map.of("ok", List.of("yes"));
		}

	}

}
