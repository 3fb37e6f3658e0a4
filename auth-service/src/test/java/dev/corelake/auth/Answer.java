package dev.corelake.auth;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.corelake.errors.test.ProblemAssert;
import tools.jackson.databind.json.JsonMapper;

import static dev.corelake.errors.test.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service answered.
 *
 * @param response the response
 * @author Corelake
 */
public record Answer(HttpResponse<String> response) {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The status.
	 * @return the status
	 */
	public int status() {
		return this.response.statusCode();
	}

	/**
	 * The content type.
	 * @return the header, or {@code null}
	 */
	public String contentType() {
		return header("Content-Type");
	}

	/**
	 * A header.
	 * @param name its name
	 * @return its first value, or {@code null}
	 */
	public String header(String name) {
		return this.response.headers().firstValue(name).orElse(null);
	}

	/**
	 * The body.
	 * @return the body text
	 */
	public String body() {
		return this.response.body();
	}

	/**
	 * The body as a JSON object.
	 * @return the members
	 */
	@SuppressWarnings("unchecked")
	public Map<String, Object> json() {
		return JSON.readValue(this.response.body(), Map.class);
	}

	/**
	 * A string member of the body.
	 * @param name the member
	 * @return its value
	 */
	public String string(String name) {
		Object value = json().get(name);
		return (value != null) ? value.toString() : null;
	}

	/**
	 * Asserts a conformant problem with a status and code, never a server error.
	 * @param status the status
	 * @param code the code
	 * @return the problem assertion
	 */
	public ProblemAssert assertProblem(int status, String code) {
		assertThat(status()).as("never a server error: %s", body()).isLessThan(500);
		return assertThatProblem(status(), contentType(), body()).isConformant().hasStatus(status).hasCode(code);
	}

	/**
	 * Asserts an RFC 6749 error: a conformant problem that also carries {@code error}.
	 * @param status the status
	 * @param code the problem code
	 * @param error the RFC 6749 error
	 * @return the problem assertion
	 */
	public ProblemAssert assertOAuthError(int status, String code, String error) {
		ProblemAssert problem = assertProblem(status, code);
		assertThat(json()).containsEntry("error", error).containsKey("error_description");
		assertThat(header("Cache-Control")).isEqualTo("no-store");
		return problem;
	}

}
