package dev.corelake.auth;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API client admin API over real HTTP: a secret is shown exactly once, stored only
 * hashed, and replaced on request.
 *
 * @author Corelake
 */
class ClientApiTests extends AbstractApiTests {

	private static final String CLIENTS = "/api/v1/auth/clients";

	@Test
	void createWhenAdminThenSecretIsShownOnceAndNeverAgain() {
		String admin = adminToken();
		String clientId = unique("etl-job");
		Answer created = this.api.postJson(CLIENTS, admin, AuthApi.json(Map.of("clientId", clientId, "scopes",
				List.of("catalog.write", "catalog.read"), "description", "Nightly ETL")));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.header("Location")).endsWith(CLIENTS + "/" + clientId);
		assertThat(created.header("Cache-Control")).isEqualTo("no-store");
		String secret = created.string("clientSecret");
		assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]+");
		assertThat(created.json()).containsEntry("clientId", clientId)
			.containsEntry("scopes", List.of("catalog.read", "catalog.write"))
			.containsEntry("description", "Nightly ETL")
			.containsEntry("enabled", true);

		Answer read = this.api.get(CLIENTS + "/" + clientId, admin);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json()).doesNotContainKeys("clientSecret", "secretHash");
		assertThat(read.body()).doesNotContain(secret);
		Answer list = this.api.get(CLIENTS + "?size=200", admin);
		assertThat(list.body()).contains(clientId).doesNotContain(secret).doesNotContain("secretHash");
	}

	@Test
	void newSecretWhenRequestedThenTheOldSecretStopsWorking() {
		String admin = adminToken();
		String clientId = unique("rotating");
		String oldSecret = this.api
			.postJson(CLIENTS, admin, AuthApi.json(Map.of("clientId", clientId, "scopes", List.of("jobs"))))
			.string("clientSecret");
		Answer renewed = this.api.postJson(CLIENTS + "/" + clientId + "/secret", admin, "");
		assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
		String newSecret = renewed.string("clientSecret");
		assertThat(newSecret).isNotEqualTo(oldSecret);
		this.api.formWith(AuthApi.TOKEN, AuthApi.basic(clientId, oldSecret), "grant_type", "client_credentials")
			.assertOAuthError(401, "OAUTH_INVALID_CLIENT", "invalid_client");
		assertThat(
				this.api.formWith(AuthApi.TOKEN, AuthApi.basic(clientId, newSecret), "grant_type", "client_credentials")
					.status())
			.isEqualTo(200);
	}

	@Test
	void patchWhenScopesAndDescriptionChangeThenTokensCarryTheNewScopes() {
		String admin = adminToken();
		String clientId = unique("rescoped");
		String secret = this.api
			.postJson(CLIENTS, admin, AuthApi.json(Map.of("clientId", clientId, "scopes", List.of("a"))))
			.string("clientSecret");
		Answer patched = this.api.patchJson(CLIENTS + "/" + clientId, admin,
				"{\"scopes\":[\"b\",\"c\"],\"description\":\"changed\"}");
		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		assertThat(patched.header("ETag")).isEqualTo("\"1\"");
		assertThat(patched.json()).containsEntry("scopes", List.of("b", "c")).containsEntry("description", "changed");
		assertThat(this.api.patchJson(CLIENTS + "/" + clientId, admin, "{\"description\":\"changed\"}").header("ETag"))
			.as("no change, no new revision")
			.isEqualTo("\"1\"");
		Answer token = this.api.formWith(AuthApi.TOKEN, AuthApi.basic(clientId, secret), "grant_type",
				"client_credentials");
		assertThat(token.json()).containsEntry("scope", "b c");
	}

	@Test
	void clientApiWhenInputIsBadThenProblemsAndNothingIsCreated() {
		String admin = adminToken();
		this.api.get(CLIENTS + "/no-such-client", admin).assertProblem(404, "CLIENT_NOT_FOUND");
		this.api.postJson(CLIENTS + "/no-such-client/secret", admin, "").assertProblem(404, "CLIENT_NOT_FOUND");
		this.api.patchJson(CLIENTS + "/no-such-client", admin, "{\"enabled\":false}")
			.assertProblem(404, "CLIENT_NOT_FOUND");
		this.api.postJson(CLIENTS, admin, AuthApi.json(Map.of("clientId", "Bad Client", "scopes", List.of("a"))))
			.assertProblem(400, "VALIDATION_FAILED")
			.hasFieldError("clientId");
		this.api.postJson(CLIENTS, admin, AuthApi.json(Map.of("clientId", unique("noscope"), "scopes", List.of())))
			.assertProblem(400, "VALIDATION_FAILED")
			.hasFieldError("scopes");
		this.api
			.postJson(CLIENTS, admin,
					AuthApi.json(Map.of("clientId", unique("badscope"), "scopes", List.of("has space"))))
			.assertProblem(400, "VALIDATION_FAILED");
		this.api
			.postJson(CLIENTS, admin,
					AuthApi.json(Map.of("clientId", unique("nul"), "scopes", List.of("a"), "description", "a\u0000b")))
			.assertProblem(400, "VALIDATION_FAILED")
			.hasFieldError("description");
		this.api
			.postJson(CLIENTS, admin, AuthApi.json(Map.of("clientId", unique("secretive"), "scopes", List.of("a"),
					"clientSecret", "chosen-by-caller")))
			.assertProblem(400, "MALFORMED_REQUEST")
			.hasFieldError("clientSecret");
	}

}
