package dev.corelake.catalog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.corelake.platform.security.test.TestJwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.corelake.errors.test.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may see and change which dataset, with real tokens checked against a real JWKS. A
 * dataset the caller may not read is answered exactly like one that does not exist.
 *
 * @author Corelake
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:catalog-authz;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
		"management.server.port=0" })
@DirtiesContext
class DatasetAuthorizationTests {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final String VERSION = "{\"location\":\"file:/lake/x/v1\",\"format\":\"PARQUET\","
			+ "\"schema\":[{\"name\":\"id\",\"type\":\"bigint\",\"nullable\":false}],\"rowCount\":1,\"bytes\":1}";

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
	void anotherUsersPrivateDatasetDoesNotExistForThem() throws Exception {
		String alice = issuer.token("alice", "DATA_ENGINEER");
		String bob = issuer.token("bob", "DATA_ENGINEER");
		assertThat(send("POST", "/api/v1/datasets", alice, "{\"name\":\"alice_private\"}").statusCode()).isEqualTo(201);

		for (HttpResponse<String> response : new HttpResponse[] {
				send("GET", "/api/v1/datasets/alice_private", bob, null),
				send("PATCH", "/api/v1/datasets/alice_private", bob, "{\"description\":\"mine now\"}", "\"0\""),
				send("DELETE", "/api/v1/datasets/alice_private", bob, null),
				send("PUT", "/api/v1/datasets/alice_private/tags/stolen", bob, null),
				send("PUT", "/api/v1/datasets/alice_private/readers/bob", bob, null),
				send("GET", "/api/v1/datasets/alice_private/versions", bob, null),
				send("POST", "/api/v1/datasets/alice_private/versions", bob, VERSION),
				send("GET", "/api/v1/datasets/alice_private/retention", bob, null) }) {
			assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant()
				.hasStatus(404)
				.hasCode("DATASET_NOT_FOUND");
		}
		assertThat(send("GET", "/api/v1/datasets?prefix=alice", bob, null).body()).contains("\"totalItems\":0");

		HttpResponse<String> unchanged = send("GET", "/api/v1/datasets/alice_private", alice, null);
		assertThat(unchanged.statusCode()).isEqualTo(200);
		assertThat(unchanged.body()).contains("\"owner\":\"alice\"")
			.contains("\"revision\":0")
			.contains("\"tags\":[]")
			.contains("\"readers\":[]");
	}

	@Test
	void readersReadButCannotChange() throws Exception {
		String alice = issuer.token("alice", "DATA_ENGINEER");
		String bob = issuer.token("bob", "DATA_SCIENTIST");
		send("POST", "/api/v1/datasets", alice, "{\"name\":\"shared_orders\"}");
		assertThat(send("PUT", "/api/v1/datasets/shared_orders/readers/bob", alice, null).statusCode()).isEqualTo(200);
		assertThat(send("POST", "/api/v1/datasets/shared_orders/versions", alice, VERSION).statusCode()).isEqualTo(201);

		assertThat(send("GET", "/api/v1/datasets/shared_orders", bob, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/api/v1/datasets/shared_orders/versions/1", bob, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/api/v1/datasets?prefix=shared", bob, null).body()).contains("\"totalItems\":1");
		for (HttpResponse<String> response : new HttpResponse[] {
				send("PATCH", "/api/v1/datasets/shared_orders", bob, "{\"description\":\"x\"}", "\"1\""),
				send("POST", "/api/v1/datasets/shared_orders/versions", bob, VERSION),
				send("DELETE", "/api/v1/datasets/shared_orders", bob, null) }) {
			assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant()
				.hasStatus(403)
				.hasCode("ACCESS_DENIED");
		}
		assertThat(send("DELETE", "/api/v1/datasets/shared_orders/readers/bob", alice, null).statusCode())
			.isEqualTo(200);
		assertThat(send("GET", "/api/v1/datasets/shared_orders", bob, null).statusCode()).isEqualTo(404);
	}

	@Test
	void viewerOnlyReads() throws Exception {
		String alice = issuer.token("alice", "DATA_ENGINEER");
		String victor = issuer.token("victor", "VIEWER");
		send("POST", "/api/v1/datasets", alice, "{\"name\":\"public_rates\"}");
		send("PUT", "/api/v1/datasets/public_rates/readers/*", alice, null);

		assertThat(send("GET", "/api/v1/datasets/public_rates", victor, null).statusCode()).isEqualTo(200);
		HttpResponse<String> create = send("POST", "/api/v1/datasets", victor, "{\"name\":\"victors\"}");
		assertThatProblem(create.statusCode(), contentType(create), create.body()).isConformant()
			.hasStatus(403)
			.hasCode("ACCESS_DENIED");
		assertThat(send("PUT", "/api/v1/datasets/public_rates/tags/mine", victor, null).statusCode()).isEqualTo(403);
		assertThat(send("GET", "/api/v1/datasets/victors", alice, null).statusCode()).isEqualTo(404);
	}

	@Test
	void ownerComesFromTheTokenAndOnlyAdminsMayNameAnother() throws Exception {
		String alice = issuer.token("alice", "DATA_ENGINEER");
		HttpResponse<String> created = send("POST", "/api/v1/datasets", alice, "{\"name\":\"owned_by_alice\"}");
		assertThat(created.body()).contains("\"owner\":\"alice\"");

		HttpResponse<String> impersonation = send("POST", "/api/v1/datasets", alice,
				"{\"name\":\"planted\",\"owner\":\"bob\"}");
		assertThatProblem(impersonation.statusCode(), contentType(impersonation), impersonation.body()).isConformant()
			.hasStatus(403)
			.hasCode("ACCESS_DENIED");
		assertThat(send("GET", "/api/v1/datasets/planted", issuer.token("root", "ADMIN"), null).statusCode())
			.isEqualTo(404);

		HttpResponse<String> onBehalf = send("POST", "/api/v1/datasets", issuer.token("root", "ADMIN"),
				"{\"name\":\"for_bob\",\"owner\":\"bob\"}");
		assertThat(onBehalf.statusCode()).isEqualTo(201);
		assertThat(send("GET", "/api/v1/datasets/for_bob", issuer.token("bob", "DATA_ENGINEER"), null).statusCode())
			.isEqualTo(200);
	}

	@Test
	void adminSeesAndChangesEverything() throws Exception {
		send("POST", "/api/v1/datasets", issuer.token("carol", "DATA_ENGINEER"), "{\"name\":\"carols\"}");
		String admin = issuer.token("root", "ADMIN");
		assertThat(send("GET", "/api/v1/datasets/carols", admin, null).statusCode()).isEqualTo(200);
		assertThat(
				send("PATCH", "/api/v1/datasets/carols", admin, "{\"description\":\"reviewed\"}", "\"0\"").statusCode())
			.isEqualTo(200);
	}

	@Test
	void clientScopesGrantPlatformWideReadOrWrite() throws Exception {
		send("POST", "/api/v1/datasets", issuer.token("dora", "DATA_ENGINEER"), "{\"name\":\"doras\"}");
		String reader = issuer.token("compute-service",
				(claims) -> claims.claim("roles", java.util.List.of())
					.claim("scope", "catalog.read")
					.claim("client_id", "compute-service"),
				(header) -> {
				});
		String writer = issuer.token("data-sync-service",
				(claims) -> claims.claim("roles", java.util.List.of())
					.claim("scope", "catalog.read catalog.write")
					.claim("client_id", "data-sync-service"),
				(header) -> {
				});
		assertThat(send("GET", "/api/v1/datasets/doras", reader, null).statusCode()).isEqualTo(200);
		assertThat(send("POST", "/api/v1/datasets/doras/versions", reader, VERSION).statusCode()).isEqualTo(403);
		assertThat(send("POST", "/api/v1/datasets/doras/versions", writer, VERSION).statusCode()).isEqualTo(201);
	}

	@Test
	void noTokenThenAuthenticationRequiredAndNothingStored() throws Exception {
		HttpResponse<String> response = send("POST", "/api/v1/datasets", null, "{\"name\":\"sneaky\"}");
		assertThatProblem(response.statusCode(), contentType(response), response.body()).isConformant()
			.hasStatus(401)
			.hasCode("AUTHENTICATION_REQUIRED");
		assertThat(send("GET", "/api/v1/datasets/sneaky", issuer.token("root", "ADMIN"), null).statusCode())
			.isEqualTo(404);
	}

	private HttpResponse<String> send(String method, String path, String token, String json)
			throws IOException, InterruptedException {
		return send(method, path, token, json, null);
	}

	private HttpResponse<String> send(String method, String path, String token, String json, String ifMatch)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (ifMatch != null) {
			request.header("If-Match", ifMatch);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String contentType(HttpResponse<String> response) {
		return response.headers().firstValue("Content-Type").orElse(null);
	}

}
