package dev.corelake.auth;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.corelake.errors.test.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input against every endpoint, sent with an admin's token so that it
 * reaches the API: each is answered with a conformant 4xx problem naming the problem,
 * never a 500, and nothing stored changes.
 *
 * @author Corelake
 */
class BadInputTests extends AbstractApiTests {

	private static final String USERS = "/api/v1/auth/users";

	private static final String CLIENTS = "/api/v1/auth/clients";

	private static final String FORM = "application/x-www-form-urlencoded";

	private static final String JSON = "application/json";

	@ParameterizedTest(name = "{0}")
	@MethodSource("badInputs")
	void badInputWhenSentThenAnsweredWithTheExpectedProblem(BadInput input) {
		Answer answer = this.api.send(input.request(this.api, adminToken()));
		assertThat(answer.status()).as("%s answered %s", input, answer.body()).isEqualTo(input.status());
		assertThatProblem(answer.status(), answer.contentType(), answer.body()).isConformant().hasCode(input.code());
	}

	@Test
	void badInputsWhenAllSentThenNothingStoredChanged() {
		String admin = adminToken();
		String before = this.api.get(USERS + "?size=200", admin).body()
				+ this.api.get(CLIENTS + "?size=200", admin).body();
		List<String> answers = new ArrayList<>();
		for (BadInput input : badInputs().toList()) {
			Answer answer = this.api.send(input.request(this.api, admin));
			answers.add(input + " -> " + answer.status());
			assertThat(answer.status()).as("%s answered %s", input, answer.body()).isBetween(400, 499);
		}
		String after = this.api.get(USERS + "?size=200", admin).body()
				+ this.api.get(CLIENTS + "?size=200", admin).body();
		assertThat(after).isEqualTo(before);
		assertThat(answers).hasSize((int) badInputs().count());
	}

	@Test
	void tokenWhenAHugeFormIsSentChunkedThenBadRequestNotAServerError() {
		for (int size : new int[] { 1_500_000, 3_000_000 }) {
			byte[] body = ("grant_type=password&password=x&username=" + "a".repeat(size))
				.getBytes(StandardCharsets.US_ASCII);
			Answer answer = this.api.send(this.api.request(AuthApi.TOKEN)
				.header("Content-Type", FORM)
				.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
			answer.assertOAuthError(400, "OAUTH_INVALID_REQUEST", "invalid_request");
		}
	}

	static Stream<BadInput> badInputs() {
		String valid = "{\"username\":\"valid-name\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"VIEWER\"]}";
		return Stream.of(
				// malformed and mistyped user bodies
				BadInput.json("POST", "create user with malformed JSON", USERS, "{\"username\":", 400,
						"MALFORMED_REQUEST"),
				BadInput.json("POST", "create user with an empty body", USERS, "", 400, "MALFORMED_REQUEST"),
				BadInput.json("POST", "create user with a JSON array", USERS, "[]", 400, "MALFORMED_REQUEST"),
				BadInput.json("POST", "create user with JSON null", USERS, "null", 400, "MALFORMED_REQUEST"),
				BadInput.json("POST", "create user with a number as username", USERS,
						"{\"username\":5,\"password\":\"" + PASSWORD + "\",\"roles\":[\"VIEWER\"]}", 400,
						"VALIDATION_FAILED"),
				BadInput.json("POST", "create user with roles not a list", USERS,
						"{\"username\":\"x-y-z\",\"password\":\"" + PASSWORD + "\",\"roles\":\"ADMIN\"}", 400,
						"MALFORMED_REQUEST"),
				BadInput.json("POST", "create user with an unknown role", USERS,
						"{\"username\":\"x-y-z\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"SUPERUSER\"]}", 400,
						"MALFORMED_REQUEST"),
				BadInput.json("POST", "create user with a null role", USERS,
						"{\"username\":\"x-y-z\",\"password\":\"" + PASSWORD + "\",\"roles\":[null]}", 400,
						"MALFORMED_REQUEST"),
				BadInput.json("POST", "create user without roles", USERS,
						"{\"username\":\"x-y-z\",\"password\":\"" + PASSWORD + "\",\"roles\":[]}", 400,
						"VALIDATION_FAILED"),
				BadInput.json("POST", "create user with an unknown field", USERS,
						valid.replace("}", ",\"isAdmin\":true}"), 400, "MALFORMED_REQUEST"),
				BadInput.json("POST", "create user with enabled as a string", USERS,
						valid.replace("}", ",\"enabled\":\"yes\"}"), 400, "MALFORMED_REQUEST"),
				BadInput.json("POST", "create user without password", USERS,
						"{\"username\":\"x-y-z\",\"roles\":[\"VIEWER\"]}", 400, "VALIDATION_FAILED"),
				BadInput.json("POST", "create user with a password as a number", USERS,
						"{\"username\":\"x-y-z\",\"password\":123456789012345,\"roles\":[\"VIEWER\"]}", 400,
						"PASSWORD_POLICY_VIOLATION"),
				BadInput.json("POST", "create user with a 2000-character password", USERS,
						valid.replace(PASSWORD, "p".repeat(2000)), 400, "VALIDATION_FAILED"),
				BadInput.of("POST", "create user as text/plain", USERS, "text/plain", valid, 415,
						"UNSUPPORTED_MEDIA_TYPE"),
				BadInput.json("POST", "create user with a 2 MB body", USERS,
						"{\"username\":\"" + "a".repeat(2_000_000) + "\"}", 413, "PAYLOAD_TOO_LARGE"),
				// usernames
				badName("an empty name", ""), badName("two characters", "ab"), badName("65 characters", "a".repeat(65)),
				badName("300 characters", "a".repeat(300)), badName("an accent", "jos\u00e9"),
				badName("CJK characters", "\u540d\u524d\u540d"), badName("a zero-width space", "zero\u200Bwidth"),
				badName("a right-to-left override", "\u202Eevil-name"), badName("a fullwidth letter", "\uFF41dmin"),
				badName("upper case", "Admin"), badName("a leading digit", "1user"), badName("a slash", "a/b/c"),
				badName("a space", "a b c"), badName("path traversal", "../admin"), badName("a NUL", "nul\u0000l"),
				badName("an emoji", "smile\uD83D\uDE00"),
				// user paths, queries and updates
				BadInput.get("read a user with an invalid name", USERS + "/%C3%A9t%C3%A9", 400, "VALIDATION_FAILED"),
				BadInput.get("list with a negative page", USERS + "?page=-1", 400, "VALIDATION_FAILED"),
				BadInput.get("list with size 0", USERS + "?size=0", 400, "VALIDATION_FAILED"),
				BadInput.get("list with size 1000", USERS + "?size=1000", 400, "VALIDATION_FAILED"),
				BadInput.get("list with a huge page", USERS + "?page=99999999999", 400, "INVALID_PARAMETER"),
				BadInput.get("list with a text page", USERS + "?page=first", 400, "INVALID_PARAMETER"),
				BadInput.json("PATCH", "update admin with an unknown field", USERS + "/admin", "{\"isAdmin\":true}",
						400, "MALFORMED_REQUEST"),
				BadInput.json("PATCH", "update admin with empty roles", USERS + "/admin", "{\"roles\":[]}", 400,
						"VALIDATION_FAILED"),
				BadInput.json("PATCH", "update admin with enabled as a number", USERS + "/admin", "{\"enabled\":0}",
						400, "MALFORMED_REQUEST"),
				BadInput.json("PATCH", "update an unknown user", USERS + "/no-such-user", "{\"enabled\":true}", 404,
						"USER_NOT_FOUND"),
				BadInput
					.of("PATCH", "update admin with a malformed If-Match", USERS + "/admin", JSON, "{\"enabled\":true}",
							400, "INVALID_PARAMETER")
					.ifMatch("7"),
				BadInput.get("DELETE is not supported", USERS + "/admin", 405, "METHOD_NOT_ALLOWED").method("DELETE"),
				// self-service
				BadInput.json("POST", "change password with malformed JSON", "/api/v1/auth/me/password", "{", 400,
						"MALFORMED_REQUEST"),
				BadInput.json("POST", "change password with roles", "/api/v1/auth/me/password",
						"{\"oldPassword\":\"x\",\"newPassword\":\"y\",\"roles\":[\"ADMIN\"]}", 400,
						"MALFORMED_REQUEST"),
				// clients
				BadInput.json("POST", "create client with malformed JSON", CLIENTS, "{\"clientId\"", 400,
						"MALFORMED_REQUEST"),
				BadInput.json("POST", "create client with 51 scopes", CLIENTS,
						AuthApi.json(Map.of("clientId", "many-scopes", "scopes",
								Stream.iterate(0, (i) -> i + 1).limit(51).map((i) -> "s" + i).toList())),
						400, "VALIDATION_FAILED"),
				BadInput.json("POST", "create client with a 501-character description", CLIENTS,
						AuthApi
							.json(Map.of("clientId", "wordy", "scopes", List.of("a"), "description", "d".repeat(501))),
						400, "VALIDATION_FAILED"),
				BadInput.json("POST", "create client with an odd Unicode id", CLIENTS,
						AuthApi.json(Map.of("clientId", "\u202Eclient", "scopes", List.of("a"))), 400,
						"VALIDATION_FAILED"),
				BadInput.get("read a client with an invalid id", CLIENTS + "/%F0%9F%98%80", 400, "VALIDATION_FAILED"),
				// keys
				BadInput.get("GET the rotate action", "/api/v1/auth/keys/rotate", 405, "METHOD_NOT_ALLOWED"),
				// the token endpoint
				BadInput.of("POST", "token as multipart", AuthApi.TOKEN, "multipart/form-data; boundary=x", "--x--",
						400, "OAUTH_INVALID_REQUEST"),
				BadInput.of("POST", "token with a malformed Content-Type", AuthApi.TOKEN, "form/;;;",
						"grant_type=password", 400, "OAUTH_INVALID_REQUEST"),
				BadInput.of("POST", "token with broken percent-encoding", AuthApi.TOKEN, FORM,
						"grant_type=password&username=%zz&password=%", 400, "OAUTH_INVALID_REQUEST"),
				BadInput.of("POST", "token with a 2 MB form", AuthApi.TOKEN, FORM,
						"grant_type=password&username=" + "a".repeat(2_000_000), 413, "PAYLOAD_TOO_LARGE"),
				BadInput.of("POST", "token with 2000 parameters", AuthApi.TOKEN, FORM,
						String.join("&",
								Stream.iterate(0, (i) -> i + 1).limit(2000).map((i) -> "p" + i + "=v").toList()),
						400, "OAUTH_INVALID_REQUEST"),
				BadInput.of("POST", "token with a NUL in the username", AuthApi.TOKEN, FORM,
						"grant_type=password&username=ad%00min&password=x", 400, "OAUTH_INVALID_GRANT"),
				BadInput.get("GET the token endpoint", AuthApi.TOKEN, 405, "METHOD_NOT_ALLOWED"),
				BadInput.of("POST", "revoke as JSON", "/api/v1/auth/revoke", JSON, "{\"token\":\"x\"}", 400,
						"OAUTH_INVALID_REQUEST"),
				BadInput.get("revocations with a decimal since", "/api/v1/auth/revocations?since=1e3", 400,
						"INVALID_PARAMETER"));
	}

	private static BadInput badName(String what, String name) {
		return BadInput.json("POST", "create user with " + what, USERS,
				AuthApi.json(Map.of("username", name, "password", PASSWORD, "roles", List.of("VIEWER"))), 400,
				"VALIDATION_FAILED");
	}

	/**
	 * One bad request and the problem it must be answered with.
	 *
	 * @param method HTTP method
	 * @param description what is wrong with it
	 * @param path path and query
	 * @param contentType request content type, or {@code null}
	 * @param body request body, or {@code null}
	 * @param status expected status
	 * @param code expected problem code
	 * @param ifMatchValue {@code If-Match} header, or {@code null}
	 */
	record BadInput(String method, String description, String path, String contentType, String body, int status,
			String code, String ifMatchValue) {

		static BadInput of(String method, String description, String path, String contentType, String body, int status,
				String code) {
			return new BadInput(method, description, path, contentType, body, status, code, null);
		}

		static BadInput json(String method, String description, String path, String body, int status, String code) {
			return of(method, description, path, JSON, body, status, code);
		}

		static BadInput get(String description, String path, int status, String code) {
			return of("GET", description, path, null, null, status, code);
		}

		BadInput ifMatch(String value) {
			return new BadInput(this.method, this.description, this.path, this.contentType, this.body, this.status,
					this.code, value);
		}

		BadInput method(String newMethod) {
			return new BadInput(newMethod, this.description, this.path, this.contentType, this.body, this.status,
					this.code, this.ifMatchValue);
		}

		HttpRequest.Builder request(AuthApi api, String token) {
			HttpRequest.Builder builder = api.request(this.path)
				.header("Authorization", "Bearer " + token)
				.method(this.method,
						(this.body != null) ? BodyPublishers.ofString(this.body) : BodyPublishers.noBody());
			if (this.contentType != null) {
				builder.header("Content-Type", this.contentType);
			}
			if (this.ifMatchValue != null) {
				builder.header("If-Match", this.ifMatchValue);
			}
			return builder;
		}

		@Override
		public String toString() {
			return this.description + " -> " + this.status + " " + this.code;
		}

	}

}
