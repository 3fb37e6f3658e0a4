package dev.corelake.config;

import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static dev.corelake.config.ConfigApiTests.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Global-state entries: create-only, compare-and-set, delete, listing.
 *
 * @author Corelake
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class EntryApiTests extends HttpTestSupport {

	private static final String ENTRIES = "/api/v1/config/entries";

	@LocalServerPort
	private int port;

	@Override
	protected int port() {
		return this.port;
	}

	@Test
	void createThenCompareAndSetThenDelete() throws Exception {
		String path = ENTRIES + "/jobs.leader";
		HttpResponse<String> created = send("PUT", path, admin(), "{\"value\":\"pod-a\"}", "If-None-Match", "*");
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).hasValue(path);
		String etag = created.headers().firstValue("ETag").orElseThrow();

		assertProblem(send("PUT", path, admin(), "{\"value\":\"pod-b\"}", "If-None-Match", "*"), 412,
				"PRECONDITION_FAILED");
		assertProblem(send("PUT", path, admin(), "{\"value\":\"pod-b\"}"), 428, "PRECONDITION_REQUIRED");
		assertProblem(send("PUT", path, admin(), "{\"value\":\"pod-b\"}", "If-Match", "\"1234\""), 412,
				"PRECONDITION_FAILED");

		HttpResponse<String> swapped = send("PUT", path, admin(), "{\"value\":\"pod-b\"}", "If-Match", etag);
		assertThat(swapped.statusCode()).isEqualTo(200);
		String newEtag = swapped.headers().firstValue("ETag").orElseThrow();
		assertThat(newEtag).isNotEqualTo(etag);
		assertProblem(send("PUT", path, admin(), "{\"value\":\"pod-c\"}", "If-Match", etag), 412,
				"PRECONDITION_FAILED");

		JsonNode read = json(send("GET", path, viewer(), null));
		assertThat(read.get("value").asString()).isEqualTo("pod-b");
		assertThat(read.get("updatedBy").asString()).isEqualTo("alice");

		HttpResponse<String> same = send("PUT", path, admin(), "{\"value\":\"pod-b\"}", "If-Match", newEtag);
		assertThat(same.headers().firstValue("ETag")).as("an unchanged value keeps its revision").hasValue(newEtag);

		assertProblem(send("DELETE", path, admin(), null), 428, "PRECONDITION_REQUIRED");
		assertProblem(send("DELETE", path, admin(), null, "If-Match", etag), 412, "PRECONDITION_FAILED");
		assertThat(send("DELETE", path, admin(), null, "If-Match", newEtag).statusCode()).isEqualTo(204);
		assertProblem(send("GET", path, viewer(), null), 404, "CONFIG_ENTRY_NOT_FOUND");
		assertProblem(send("PUT", path, admin(), "{\"value\":\"x\"}", "If-Match", newEtag), 412, "PRECONDITION_FAILED");
	}

	@Test
	void listByPrefix() throws Exception {
		send("PUT", ENTRIES + "/quota.team-a", admin(), "{\"value\":\"10\"}", "If-None-Match", "*");
		send("PUT", ENTRIES + "/quota.team-b", admin(), "{\"value\":\"20\"}", "If-None-Match", "*");
		send("PUT", ENTRIES + "/other", admin(), "{\"value\":\"30\"}", "If-None-Match", "*");
		JsonNode page = json(send("GET", ENTRIES + "?prefix=quota.", viewer(), null));
		assertThat(page.get("totalItems").asLong()).isEqualTo(2);
		assertThat(page.get("items").get(0).get("key").asString()).isEqualTo("quota.team-a");
	}

	@Test
	void badInputThen400AndNothingStored() throws Exception {
		String token = admin();
		assertProblem(send("PUT", ENTRIES + "/UPPER", token, "{\"value\":\"1\"}", "If-None-Match", "*"), 400,
				"VALIDATION_FAILED");
		assertProblem(send("PUT", ENTRIES + "/a..b", token, "{\"value\":\"1\"}", "If-None-Match", "*"), 400,
				"VALIDATION_FAILED");
		assertProblem(send("PUT", ENTRIES + "/ok", token, "{\"value\":{\"nested\":1}}", "If-None-Match", "*"), 400,
				"MALFORMED_REQUEST");
		assertProblem(send("PUT", ENTRIES + "/ok", token, "{\"value\":\"1\",\"extra\":true}", "If-None-Match", "*"),
				400, "MALFORMED_REQUEST");
		assertProblem(send("PUT", ENTRIES + "/ok", token, "{\"value\":", "If-None-Match", "*"), 400,
				"MALFORMED_REQUEST");
		assertProblem(send("PUT", ENTRIES + "/ok", token, "{}", "If-None-Match", "*"), 400, "VALIDATION_FAILED");
		assertProblem(send("PUT", ENTRIES + "/ok", token, "{\"value\":\"a\\u0000b\"}", "If-None-Match", "*"), 400,
				"VALIDATION_FAILED");
		assertProblem(
				send("PUT", ENTRIES + "/ok", token, "{\"value\":\"" + "x".repeat(70_000) + "\"}", "If-None-Match", "*"),
				400, "VALIDATION_FAILED");
		assertProblem(send("GET", ENTRIES + "?prefix=%25", token, null), 400, "VALIDATION_FAILED");
		assertProblem(send("GET", ENTRIES + "/ok", token, null), 404, "CONFIG_ENTRY_NOT_FOUND");
	}

}
