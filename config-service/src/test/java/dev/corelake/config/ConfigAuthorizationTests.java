package dev.corelake.config;

import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import static dev.corelake.config.ConfigApiTests.json;
import static dev.corelake.config.ConfigApiTests.properties;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may read, write and see secrets, with real tokens against a real JWKS; and that
 * secret values are ciphertext at rest, read straight from the tables.
 *
 * @author Corelake
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ConfigAuthorizationTests extends HttpTestSupport {

	private static final String PASSWORD = "s3cr3t-P4ssw0rd-that-must-not-leak";

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Override
	protected int port() {
		return this.port;
	}

	@Test
	void noTokenOrForgedTokenThen401AndNothingStored() throws Exception {
		String path = properties("guarded", "default");
		assertProblem(send("GET", path, null, null), 401, "AUTHENTICATION_REQUIRED");
		assertProblem(send("PUT", path + "/x", null, "{\"value\":\"1\"}", "If-Match", "\"0\""), 401,
				"AUTHENTICATION_REQUIRED");
		HttpResponse<String> forged = send("PUT", path + "/x", issuer.tokenFromUnknownKey("mallory"),
				"{\"value\":\"1\"}", "If-Match", "\"0\"");
		assertThat(forged.statusCode()).isEqualTo(401);
		assertProblem(send("PUT", "/api/v1/config/entries/guarded", null, "{\"value\":\"1\"}", "If-None-Match", "*"),
				401, "AUTHENTICATION_REQUIRED");
		assertThat(json(send("GET", path, admin(), null)).get("revision").asLong()).isZero();
	}

	@Test
	void readersReadButOnlyAdminsAndWritingClientsWrite() throws Exception {
		String path = properties("writers", "default");
		String reader = client("compute-service", "config.read");
		for (String token : new String[] { viewer(), reader }) {
			assertThat(send("GET", path, token, null).statusCode()).isEqualTo(200);
			assertThat(send("GET", "/api/v1/config/views/writers", token, null).statusCode()).isEqualTo(200);
			assertProblem(send("PUT", path + "/a", token, "{\"value\":\"1\"}", "If-Match", "\"0\""), 403,
					"ACCESS_DENIED");
			assertProblem(send("PATCH", path, token, "{\"remove\":[\"a\"]}", "If-Match", "\"0\""), 403,
					"ACCESS_DENIED");
			assertProblem(
					send("PUT", "/api/v1/config/entries/writers", token, "{\"value\":\"1\"}", "If-None-Match", "*"),
					403, "ACCESS_DENIED");
		}
		HttpResponse<String> written = send("PUT", path + "/a", client("data-sync-service", "config.read config.write"),
				"{\"value\":\"1\",\"message\":\"by a client\"}", "If-Match", "\"0\"");
		assertThat(written.statusCode()).isEqualTo(200);
		JsonNode revision = json(send("GET", path.replace("/properties", "/revisions"), viewer(), null)).get("items")
			.get(0);
		assertThat(revision.get("author").asString()).isEqualTo("data-sync-service");
		assertThat(revision.get("message").asString()).isEqualTo("by a client");
	}

	@Test
	void secretValuesAreMaskedForReadersWithoutTheRightEverywhere() throws Exception {
		String path = properties("vault", "default");
		long r1 = json(
				send("PATCH", path, admin(),
						"{\"set\":[{\"key\":\"db.password\",\"value\":\"" + PASSWORD + "\",\"secret\":true},"
								+ "{\"key\":\"db.user\",\"value\":\"app\"}]}",
						"If-Match", "\"0\""))
			.get("revision")
			.asLong();
		long r2 = json(send("PUT", path + "/db.password", admin(),
				"{\"value\":\"rotated-" + PASSWORD + "\",\"secret\":true}", "If-Match", "\"" + r1 + "\""))
			.get("revision")
			.asLong();

		String history = path.replace("/properties", "/revisions");
		String revision = path.replace("/properties", "/revisions/" + r2);
		String diff = path.replace("/properties", "/diffs?from=0&to=" + r2);
		String view = "/api/v1/config/views/vault";
		for (String token : new String[] { viewer(), client("compute-service", "config.read config.write") }) {
			for (String read : new String[] { path, history, revision, diff, view }) {
				HttpResponse<String> response = send("GET", read, token, null);
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).as(read).doesNotContain(PASSWORD).contains("******").contains("app");
			}
		}
		assertThat(json(send("GET", view, viewer(), null)).get("secrets").toString()).isEqualTo("[\"db.password\"]");
		for (String token : new String[] { admin(), client("ops-robot", "config.read config.secrets") }) {
			assertThat(json(send("GET", view, token, null)).get("properties").get("db.password").asString())
				.isEqualTo("rotated-" + PASSWORD);
			assertThat(send("GET", diff, token, null).body()).contains("rotated-" + PASSWORD);
			assertThat(send("GET", history, token, null).body()).contains("\"oldValue\":\"" + PASSWORD + "\"");
		}
	}

	@Test
	void secretValuesAreCiphertextAtRest() throws Exception {
		String path = properties("at-rest", "default");
		send("PATCH", path, admin(),
				"{\"set\":[{\"key\":\"api.token\",\"value\":\"" + PASSWORD
						+ "\",\"secret\":true},{\"key\":\"api.url\",\"value\":\"http://plain\"}]}",
				"If-Match", "\"0\"");

		String stored = this.jdbc
			.sql("select snapshot || changes from config_revision where namespace = 'at-rest' and profile = 'default'")
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain(PASSWORD).contains("http://plain").contains("\"value\":\"v1:");
		for (String table : new String[] { "config_scope", "config_entry", "config_sequence" }) {
			assertThat(this.jdbc.sql("select * from " + table).query().listOfRows().toString())
				.doesNotContain(PASSWORD);
		}
		assertThat(json(send("GET", path, admin(), null)).get("properties").get(0).get("value").asString())
			.isEqualTo(PASSWORD);
	}

}
