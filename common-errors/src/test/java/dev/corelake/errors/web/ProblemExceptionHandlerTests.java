package dev.corelake.errors.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static dev.corelake.errors.test.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls a real embedded server over HTTP and checks that every failure, from the
 * container up to the controller, is answered with a contract-conformant problem.
 *
 * @author Corelake
 */
@SpringBootTest(classes = ProblemExceptionHandlerTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=test-service", "corelake.web.max-request-body-size=64KB" })
@DirtiesContext
class ProblemExceptionHandlerTests {

	private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Well past the 64 KB limit. */
	private static final int LARGE_BODY_SIZE = 200 * 1024;

	@LocalServerPort
	private int port;

	@Test
	void postWhenBodyValidThenCreated() throws Exception {
		Answer answer = post("/things", "application/json", "{\"name\":\"lake\",\"label\":\"blue\",\"count\":2}");
		assertThat(answer.status()).isEqualTo(201);
		assertThat(answer.json()).containsEntry("name", "lake");
	}

	@Test
	void postWhenBodyMalformedThenBadRequest() throws Exception {
		Answer answer = post("/things", "application/json", "{\"name\": \"lake\", \"count\": }");
		assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant()
			.hasStatus(400)
			.hasCode("MALFORMED_REQUEST")
			.hasRetryable(false)
			.hasDetailContaining("not well-formed JSON");
		assertThat(answer.json()).containsEntry("instance", "/things").containsEntry("service", "test-service");
	}

	@Test
	void postWhenFieldHasWrongTypeThenBadRequestNamingField() throws Exception {
		Answer answer = post("/things", "application/json", "{\"name\":\"lake\",\"count\":\"many\"}");
		assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant()
			.hasStatus(400)
			.hasCode("MALFORMED_REQUEST")
			.hasFieldError("count")
			.hasDetailContaining("count");
	}

	@Test
	void postWhenBodyInvalidThenValidationFailedNamingEveryField() throws Exception {
		Answer answer = post("/things", "application/json",
				"{\"name\":\" \",\"label\":\"a label far too long\",\"count\":0}");
		assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant()
			.hasStatus(400)
			.hasCode("VALIDATION_FAILED")
			.hasFieldError("name")
			.hasFieldError("label")
			.hasFieldError("count")
			.hasDetailContaining("3 invalid field(s)");
		assertThat(answer.json().get("errors")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(3);
	}

	@Test
	void getWhenPathUnknownThenNotFound() throws Exception {
		Answer answer = send(request("/no-such-things").GET());
		assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant()
			.hasStatus(404)
			.hasCode("NOT_FOUND");
		assertThat(answer.json()).containsEntry("instance", "/no-such-things");
	}

	@Test
	void putWhenMethodNotSupportedThenMethodNotAllowedWithAllowHeader() throws Exception {
		Answer answer = send(request("/things").header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString("{\"name\":\"lake\",\"count\":1}")));
		assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant()
			.hasStatus(405)
			.hasCode("METHOD_NOT_ALLOWED");
		assertThat(answer.response().headers().firstValue("Allow"))
			.hasValueSatisfying((allow) -> assertThat(allow).contains("POST"));
	}

	@Test
	void getWhenAcceptNotProducibleThenNotAcceptable() throws Exception {
		Answer answer = send(request("/things/7").header("Accept", "text/csv").GET());
		assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant()
			.hasStatus(406)
			.hasCode("NOT_ACCEPTABLE");
		assertThat(answer.json()).containsEntry("instance", "/things/7");
	}

	@Test
	void postWhenContentTypeNotJsonThenUnsupportedMediaType() throws Exception {
		Answer answer = post("/things", "text/plain", "name=lake");
		assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant()
			.hasStatus(415)
			.hasCode("UNSUPPORTED_MEDIA_TYPE");
	}

	@Test
	void postWhenDeclaredContentLengthTooLargeThenPayloadTooLarge() throws Exception {
		byte[] body = largeBody();
		HttpRequest.Builder builder = request("/things").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofByteArray(body));
		assertThat(builder.build().bodyPublisher())
			.hasValueSatisfying((publisher) -> assertThat(publisher.contentLength()).isEqualTo(body.length));
		Answer answer = send(builder);
		assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant()
			.hasStatus(413)
			.hasCode("PAYLOAD_TOO_LARGE")
			.hasDetailContaining("65536 bytes");
		assertThat(answer.json()).containsEntry("instance", "/things")
			.containsEntry("service", "test-service")
			.containsEntry("traceId", TRACE_ID);
	}

	@Test
	void postWhenChunkedBodyTooLargeThenPayloadTooLarge() throws Exception {
		byte[] body = largeBody();
		BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
		assertThat(chunked.contentLength()).isNegative();
		Answer answer = send(request("/things").header("Content-Type", "application/json").POST(chunked));
		assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant()
			.hasStatus(413)
			.hasCode("PAYLOAD_TOO_LARGE");
		assertThat(answer.json()).containsEntry("instance", "/things");
	}

	@Test
	void postWhenChunkedBodyWithinLimitThenCreated() throws Exception {
		byte[] body = "{\"name\":\"lake\",\"count\":3}".getBytes(StandardCharsets.UTF_8);
		Answer answer = send(request("/things").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
		assertThat(answer.status()).isEqualTo(201);
	}

	@Test
	void getWhenPathVariableHasWrongTypeThenInvalidParameter() throws Exception {
		Answer answer = send(request("/things/abc").GET());
		assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant()
			.hasStatus(400)
			.hasCode("INVALID_PARAMETER");
		assertThat(answer.json()).containsEntry("instance", "/things/abc");
	}

	@Test
	void getWhenHandlerFailsUnexpectedlyThenInternalErrorWithoutInternals() throws Exception {
		Answer answer = send(request("/things/boom").GET());
		assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant()
			.hasStatus(500)
			.hasCode("INTERNAL_ERROR")
			.hasRetryable(false);
		assertThat(answer.body()).doesNotContain("com.example")
			.doesNotContain("secret internals")
			.doesNotContain("RuntimeException")
			.doesNotContain("java.lang")
			.doesNotContain("dev.corelake")
			.doesNotContain("\"trace\"")
			.doesNotContain("\"exception\"")
			.doesNotContain("\tat ")
			.doesNotContainPattern("\\bat [\\w.$]+\\(");
		assertThat(answer.json()).containsEntry("traceId", TRACE_ID).containsEntry("instance", "/things/boom");
	}

	@Test
	void postWhenHandlerThrowsCorelakeExceptionThenItsStatusAndCode() throws Exception {
		Answer answer = post("/things/7/lock", "application/json", "{}");
		assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant()
			.hasStatus(409)
			.hasCode("CONFLICT")
			.hasDetailContaining("Thing 7 is locked.");
		assertThat(answer.json()).containsEntry("type", "https://corelake.dev/docs/errors#conflict")
			.containsEntry("title", "Conflict")
			.containsEntry("instance", "/things/7/lock")
			.containsEntry("service", "test-service")
			.containsEntry("traceId", TRACE_ID)
			.containsEntry("lockedBy", "someone-else");
	}

	@Test
	void getWhenTraceparentSentThenTraceIdIsItsTraceId() throws Exception {
		Answer answer = send(request("/things/7/locked").GET());
		assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant().hasStatus(409);
		assertThat(answer.json()).containsEntry("traceId", TRACE_ID);
	}

	@Test
	void getWhenTraceparentMalformedThenNoTraceId() throws Exception {
		Answer answer = send(HttpRequest.newBuilder(uri("/things/7/locked"))
			.timeout(Duration.ofSeconds(30))
			.header("traceparent", "not-a-traceparent")
			.GET());
		assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant().hasStatus(409);
		assertThat(answer.json()).doesNotContainKey("traceId");
	}

	@Test
	void getWhenControllerSendsErrorThenErrorDispatchAnswersProblemForOriginalPath() throws Exception {
		Answer answer = send(request("/things/7/gone").GET());
		assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant()
			.hasStatus(404)
			.hasCode("NOT_FOUND");
		assertThat(answer.json()).containsEntry("instance", "/things/7/gone")
			.containsEntry("service", "test-service")
			.containsEntry("traceId", TRACE_ID);
	}

	private byte[] largeBody() {
		String json = "{\"name\":\"" + "a".repeat(LARGE_BODY_SIZE) + "\",\"count\":1}";
		return json.getBytes(StandardCharsets.UTF_8);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("traceparent", TRACEPARENT);
	}

	private Answer post(String path, String contentType, String body) throws IOException, InterruptedException {
		return send(request(path).header("Content-Type", contentType).POST(BodyPublishers.ofString(body)));
	}

	private static Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return new Answer(HTTP.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8)));
	}

	/**
	 * What the server answered.
	 *
	 * @param response the response
	 */
	record Answer(HttpResponse<String> response) {

		int status() {
			return this.response.statusCode();
		}

		String contentType() {
			return this.response.headers().firstValue("Content-Type").orElse(null);
		}

		String body() {
			return this.response.body();
		}

		@SuppressWarnings("unchecked")
		Map<String, Object> json() {
			return JSON.readValue(this.response.body(), Map.class);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ThingsController.class)
	static class TestApplication {

	}

	@RestController
	static class ThingsController {

		@PostMapping("/things")
		ResponseEntity<Thing> create(@Valid @RequestBody NewThing thing) {
			return ResponseEntity.status(HttpStatus.CREATED).body(new Thing(1L, thing.name()));
		}

		@GetMapping("/things/{id}")
		Thing get(@PathVariable("id") Long id) {
			return new Thing(id, "thing-" + id);
		}

		@PostMapping("/things/{id}/lock")
		Thing lock(@PathVariable("id") Long id) {
			throw new CorelakeException(CommonErrorCode.CONFLICT, "Thing " + id + " is locked.").with("lockedBy",
					"someone-else");
		}

		@GetMapping("/things/{id}/locked")
		Thing locked(@PathVariable("id") Long id) {
			throw new CorelakeException(CommonErrorCode.CONFLICT, "Thing " + id + " is locked.");
		}

		@GetMapping("/things/boom")
		Thing boom() {
			throw new RuntimeException("secret internals at com.example.Foo");
		}

		@GetMapping("/things/{id}/gone")
		void gone(@PathVariable("id") Long id, HttpServletResponse response) throws IOException {
			response.sendError(HttpStatus.NOT_FOUND.value());
		}

	}

	record NewThing(@NotBlank String name, @Size(max = 10) String label, @Min(1) int count) {

	}

	record Thing(Long id, String name) {

	}

}
