package dev.corelake.config;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static dev.corelake.config.ConfigApiTests.json;
import static dev.corelake.errors.test.ProblemAssert.assertThatProblem;
import static dev.corelake.config.ConfigApiTests.properties;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input on every configuration endpoint: always a 4xx problem naming the problem,
 * never a 500, and nothing stored changes.
 *
 * @author Corelake
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "corelake.config.limits.max-properties=3", "corelake.config.limits.max-total-chars=200" })
@DirtiesContext
class ConfigBadInputTests extends HttpTestSupport {

	@LocalServerPort
	private int port;

	@Override
	protected int port() {
		return this.port;
	}

	@Test
	void badBodiesThen400Or413Or415AndNothingStored() throws Exception {
		String path = properties("strict", "default");
		String token = admin();
		send("PUT", path + "/kept", token, "{\"value\":\"1\"}", "If-Match", "\"0\"");
		String etag = send("GET", path, token, null).headers().firstValue("ETag").orElseThrow();

		assertProblem(send("PATCH", path, token, "{\"set\":[", "If-Match", etag), 400, "MALFORMED_REQUEST");
		assertProblem(send("PATCH", path, token, "{\"set\":\"kept\"}", "If-Match", etag), 400, "MALFORMED_REQUEST");
		assertProblem(send("PATCH", path, token, "{\"sett\":[]}", "If-Match", etag), 400, "MALFORMED_REQUEST");
		assertProblem(send("PATCH", path, token, "{\"set\":[{\"key\":\"a\",\"value\":\"1\",\"secret\":\"maybe\"}]}",
				"If-Match", etag), 400, "MALFORMED_REQUEST");
		assertProblem(send("PATCH", path, token, "{\"set\":[null]}", "If-Match", etag), 400, "VALIDATION_FAILED");
		assertProblem(send("PATCH", path, token, "{\"set\":[{\"key\":\"a\"}]}", "If-Match", etag), 400,
				"VALIDATION_FAILED");
		assertProblem(
				send("PATCH", path, token, "{\"set\":[{\"key\":\"a\",\"value\":\"nul\\u0000\"}]}", "If-Match", etag),
				400, "VALIDATION_FAILED");
		assertProblem(send("PATCH", path, token, "{\"set\":[{\"key\":\"" + "k".repeat(300) + "\",\"value\":\"1\"}]}",
				"If-Match", etag), 400, "VALIDATION_FAILED");
		assertProblem(send("PATCH", path, token, "{\"set\":[{\"key\":\"ünïcode\",\"value\":\"1\"}]}", "If-Match", etag),
				400, "VALIDATION_FAILED");
		assertProblem(send("PATCH", path, token, "{\"message\":\"" + "m".repeat(1001) + "\"}", "If-Match", etag), 400,
				"VALIDATION_FAILED");
		assertProblem(send("PATCH", path, token, "x".repeat(2 * 1024 * 1024), "If-Match", etag), 413,
				"PAYLOAD_TOO_LARGE");
		HttpResponse<String> wrongType = HTTP.send(
				request(this.port, "PATCH", path, token, null, "Content-Type", "text/plain", "If-Match", etag),
				HttpResponse.BodyHandlers.ofString());
		assertProblem(wrongType, 415, "UNSUPPORTED_MEDIA_TYPE");

		assertThat(send("GET", path, token, null).headers().firstValue("ETag")).hasValue(etag);
	}

	@Test
	void writesPastTheScopeLimitsThen409AndNothingStored() throws Exception {
		String path = properties("small", "default");
		String token = admin();
		assertProblem(send("PATCH", path, token,
				"{\"set\":[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"b\",\"value\":\"1\"},"
						+ "{\"key\":\"c\",\"value\":\"1\"},{\"key\":\"d\",\"value\":\"1\"}]}",
				"If-Match", "\"0\""), 409, "CONFIG_LIMIT_EXCEEDED");
		assertProblem(send("PUT", path + "/big", token, "{\"value\":\"" + "v".repeat(300) + "\"}", "If-Match", "\"0\""),
				409, "CONFIG_LIMIT_EXCEEDED");
		assertThat(json(send("GET", path, token, null)).get("revision").asLong()).isZero();
	}

	@Test
	void badNamesAndParametersThen400Or404() throws Exception {
		String token = admin();
		for (String bad : new String[] { "/api/v1/config/namespaces/Upper/profiles/default/properties",
				"/api/v1/config/namespaces/ok/profiles/d%C3%A9faut/properties",
				"/api/v1/config/namespaces/ok/profiles/default/revisions/-1",
				"/api/v1/config/namespaces/ok/profiles/default/revisions?size=100000",
				"/api/v1/config/namespaces/ok/profiles/default/diffs?from=-1&to=2",
				"/api/v1/config/views/ok/watch?revision=-5", "/api/v1/config/views/ok?profile=PROD",
				"/api/v1/config/views/" + "n".repeat(64), "/api/v1/config/namespaces?page=-1" }) {
			HttpResponse<String> response = send("GET", bad, token, null);
			assertThat(response.statusCode()).as(bad).isEqualTo(400);
			assertProblem(response, 400, "VALIDATION_FAILED");
		}
		for (String bad : new String[] { "/api/v1/config/views/ok/watch?revision=abc",
				"/api/v1/config/namespaces/a%2e%2e/profiles/default/properties",
				"/api/v1/config/namespaces/..%2f..%2fetc/profiles/default/properties", "/api/v1/config/views/ok/watch",
				"/api/v1/config/namespaces/ok/profiles/default/diffs?from=1",
				"/api/v1/config/namespaces/ok/profiles/default/revisions/99999999999999999999999" }) {
			HttpResponse<String> response = send("GET", bad, token, null);
			assertThatProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
					response.body())
				.as(bad)
				.isConformant()
				.hasStatus(400);
		}
		assertProblem(send("GET", "/api/v1/config/namespaces/ok/profiles/default/diffs?from=0&to=424242", token, null),
				404, "CONFIG_REVISION_NOT_FOUND");
		assertProblem(send("GET", "/api/v1/config/nothing-here", token, null), 404, "NOT_FOUND");
		assertProblem(send("DELETE", "/api/v1/config/views/ok", token, null), 405, "METHOD_NOT_ALLOWED");
		assertProblem(
				send("PUT", properties("ok", "default") + "/a..b", token, "{\"value\":\"1\"}", "If-Match", "\"0\""),
				400, "VALIDATION_FAILED");
		assertThat(json(send("GET", "/api/v1/config/namespaces", token, null)).get("totalItems").asLong()).isZero();
	}

}
