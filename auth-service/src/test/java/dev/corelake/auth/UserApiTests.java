package dev.corelake.auth;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user admin API and the self-service endpoints over real HTTP: roles and the admin
 * role check, the password policy, sessions ending when a user changes, and a user's
 * inability to raise their own roles.
 *
 * @author Corelake
 */
class UserApiTests extends AbstractApiTests {

	private static final String USERS = "/api/v1/auth/users";

	@Test
	void createWhenAdminThenCreatedWithLocationEtagAndNoPassword() {
		String username = unique("new.user_1");
		Answer created = this.api.postJson(USERS, adminToken(),
				AuthApi.json(Map.of("username", username, "password", PASSWORD, "roles", List.of("DATA_ENGINEER"))));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.header("Location")).endsWith(USERS + "/" + username);
		assertThat(created.header("ETag")).isEqualTo("\"0\"");
		assertThat(created.json())
			.containsOnlyKeys("username", "roles", "enabled", "revision", "createdAt", "updatedAt")
			.containsEntry("username", username)
			.containsEntry("roles", List.of("DATA_ENGINEER"))
			.containsEntry("enabled", true);
		assertThat(created.body()).doesNotContain(PASSWORD).doesNotContain("$2a$");

		Answer read = this.api.get(USERS + "/" + username, adminToken());
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json()).containsEntry("username", username);
	}

	@Test
	void createWhenPasswordBreaksThePolicyThenEachRuleIsNamed() {
		String admin = adminToken();
		assertPolicyViolation(admin, "short", "Sh0rt-pass", "must have at least 12 characters");
		assertPolicyViolation(admin, "common", "Password1234", "is too common");
		assertPolicyViolation(admin, "common", "qwertyuiop123", "is too common");
		assertPolicyViolation(admin, "same", null, "must not be the username");
		assertPolicyViolation(admin, "long", "Aa1-".repeat(33), "must have at most 128 characters");
		assertPolicyViolation(admin, "bytes", "€uro-Währung-€".repeat(6), "must be at most 72 bytes in UTF-8");
		assertPolicyViolation(admin, "dull", "abababababababab", "must have at least 5 different characters");
	}

	private void assertPolicyViolation(String admin, String base, String password, String message) {
		String username = unique("policy-" + base);
		Answer answer = this.api.postJson(USERS, admin, AuthApi.json(Map.of("username", username, "password",
				(password != null) ? password : username, "roles", List.of("VIEWER"))));
		answer.assertProblem(400, "PASSWORD_POLICY_VIOLATION").hasFieldError("password");
		assertThat(answer.body()).contains(message);
		assertThat(this.api.get(USERS + "/" + username, admin).status()).isEqualTo(404);
	}

	@Test
	void createWhenNameIsTakenByAUserOrAClientThenConflict() {
		String admin = adminToken();
		Login existing = newUser("taken", "VIEWER");
		this.api
			.postJson(USERS, admin,
					AuthApi
						.json(Map.of("username", existing.username(), "password", PASSWORD, "roles", List.of("ADMIN"))))
			.assertProblem(409, "USER_ALREADY_EXISTS");
		String clientId = unique("client-name");
		assertThat(this.api
			.postJson("/api/v1/auth/clients", admin, AuthApi.json(Map.of("clientId", clientId, "scopes", List.of("x"))))
			.status()).isEqualTo(201);
		this.api
			.postJson(USERS, admin,
					AuthApi.json(Map.of("username", clientId, "password", PASSWORD, "roles", List.of("VIEWER"))))
			.assertProblem(409, "USER_ALREADY_EXISTS");
		this.api
			.postJson("/api/v1/auth/clients", admin,
					AuthApi.json(Map.of("clientId", existing.username(), "scopes", List.of("x"))))
			.assertProblem(409, "CLIENT_ALREADY_EXISTS");
		Answer unchanged = this.api.get(USERS + "/" + existing.username(), admin);
		assertThat(unchanged.json()).containsEntry("roles", List.of("VIEWER"));
	}

	@Test
	void listWhenPagedThenSortedByUsernameWithTotals() {
		String admin = adminToken();
		newUser("zz-list", "VIEWER");
		Answer first = this.api.get(USERS + "?page=0&size=2", admin);
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.json()).containsEntry("page", 0).containsEntry("size", 2).containsKeys("totalItems");
		long total = ((Number) first.json().get("totalItems")).longValue();
		assertThat(total).isGreaterThanOrEqualTo(2);
		Answer all = this.api.get(USERS + "?size=200", admin);
		@SuppressWarnings("unchecked")
		List<String> names = ((List<Map<String, Object>>) all.json().get("items")).stream()
			.map((item) -> (String) item.get("username"))
			.toList();
		assertThat(names).isSorted().contains("admin");
		assertThat(all.body()).doesNotContain("passwordHash").doesNotContain("$2a$");
	}

	@Test
	void getWhenUnknownOrMalformedThen404Or400() {
		String admin = adminToken();
		this.api.get(USERS + "/no-such-user", admin).assertProblem(404, "USER_NOT_FOUND");
		this.api.get(USERS + "/Admin", admin).assertProblem(400, "VALIDATION_FAILED");
		this.api.get(USERS + "/%E5%90%8D%E5%89%8D", admin).assertProblem(400, "VALIDATION_FAILED");
		this.api.get(USERS + "/..%2F..%2Fetc", admin).assertProblem(400, "MALFORMED_REQUEST");
	}

	@Test
	void patchWhenRolesChangeThenExistingSessionsEndAndTheNextLoginCarriesTheNewRoles() {
		Login user = newUser("promoted", "VIEWER");
		Answer patched = this.api.patchJson(USERS + "/" + user.username(), adminToken(),
				"{\"roles\":[\"DATA_SCIENTIST\"]}");
		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		assertThat(patched.header("ETag")).isEqualTo("\"1\"");
		assertThat(patched.json()).containsEntry("roles", List.of("DATA_SCIENTIST")).containsEntry("revision", 1);
		this.api.get("/api/v1/auth/me", user.access()).assertProblem(401, "TOKEN_INVALID");
		this.api.refresh(user.refresh()).assertOAuthError(400, "OAUTH_INVALID_GRANT", "invalid_grant");
		String fresh = this.api.login(user.username(), PASSWORD).access();
		assertThat(this.api.get("/api/v1/auth/me", fresh).json()).containsEntry("roles", List.of("DATA_SCIENTIST"));
	}

	@Test
	void patchWhenUserDisabledThenLoginFailsLikeAWrongPasswordAndSessionsEnd() {
		Login user = newUser("disabled", "DATA_ENGINEER");
		Answer disabled = this.api.patchJson(USERS + "/" + user.username(), adminToken(), "{\"enabled\":false}");
		assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
		assertThat(disabled.json()).containsEntry("enabled", false);
		this.api.get("/api/v1/auth/me", user.access()).assertProblem(401, "TOKEN_INVALID");
		this.api.form(AuthApi.TOKEN, "grant_type", "password", "username", user.username(), "password", PASSWORD)
			.assertOAuthError(400, "OAUTH_INVALID_GRANT", "invalid_grant")
			.hasDetailContaining("username or password is incorrect");

		assertThat(this.api.patchJson(USERS + "/" + user.username(), adminToken(), "{\"enabled\":true}").status())
			.isEqualTo(200);
		assertThat(this.api.login(user.username(), PASSWORD).access()).isNotBlank();
	}

	@Test
	void patchWhenAdminResetsThePasswordThenOnlyTheNewOneWorks() {
		Login user = newUser("reset", "VIEWER");
		String newPassword = "Brand-New-Secret-77";
		Answer reset = this.api.patchJson(USERS + "/" + user.username(), adminToken(),
				AuthApi.json(Map.of("password", newPassword)));
		assertThat(reset.status()).as(reset.body()).isEqualTo(200);
		this.api.form(AuthApi.TOKEN, "grant_type", "password", "username", user.username(), "password", PASSWORD)
			.assertOAuthError(400, "OAUTH_INVALID_GRANT", "invalid_grant");
		assertThat(this.api.login(user.username(), newPassword).access()).isNotBlank();
		this.api.patchJson(USERS + "/" + user.username(), adminToken(), "{\"password\":\"weak\"}")
			.assertProblem(400, "PASSWORD_POLICY_VIOLATION");
	}

	@Test
	void patchWhenIfMatchIsStaleThenPreconditionFailedAndNothingChanges() {
		Login user = newUser("etag", "VIEWER");
		String path = USERS + "/" + user.username();
		String admin = adminToken();
		Answer stale = this.api.send(this.api.request(path)
			.header("Authorization", "Bearer " + admin)
			.header("Content-Type", "application/json")
			.header("If-Match", "\"7\"")
			.method("PATCH", BodyPublishers.ofString("{\"roles\":[\"ADMIN\"]}")));
		stale.assertProblem(412, "PRECONDITION_FAILED");
		assertThat(stale.json()).containsEntry("currentEtag", "\"0\"");
		Answer matching = this.api.send(this.api.request(path)
			.header("Authorization", "Bearer " + admin)
			.header("Content-Type", "application/json")
			.header("If-Match", "\"0\"")
			.method("PATCH", BodyPublishers.ofString("{\"roles\":[\"DATA_ENGINEER\"]}")));
		assertThat(matching.status()).as(matching.body()).isEqualTo(200);
		assertThat(this.api.get(path, admin).json()).containsEntry("roles", List.of("DATA_ENGINEER"));
	}

	@Test
	void patchWhenItWouldLeaveNoEnabledAdminThenConflict() {
		String admin = adminToken();
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> users = (List<Map<String, Object>>) this.api.get(USERS + "?size=200", admin)
			.json()
			.get("items");
		for (Map<String, Object> user : users) {
			if (!"admin".equals(user.get("username")) && ((List<?>) user.get("roles")).contains("ADMIN")
					&& Boolean.TRUE.equals(user.get("enabled"))) {
				assertThat(
						this.api.patchJson(USERS + "/" + user.get("username"), admin, "{\"enabled\":false}").status())
					.isEqualTo(200);
			}
		}
		this.api.patchJson(USERS + "/admin", admin, "{\"roles\":[\"VIEWER\"]}").assertProblem(409, "LAST_ADMIN");
		this.api.patchJson(USERS + "/admin", admin, "{\"enabled\":false}").assertProblem(409, "LAST_ADMIN");
		assertThat(this.api.get("/api/v1/auth/me", admin).json()).containsEntry("roles", List.of("ADMIN"));

		Login second = newUser("second-admin", "ADMIN");
		Answer demoted = this.api.patchJson(USERS + "/" + second.username(), admin, "{\"roles\":[\"VIEWER\"]}");
		assertThat(demoted.status()).as("another admin remains").isEqualTo(200);
	}

	@Test
	void adminApiWhenCallerIsNotAdminThenForbiddenAndWithoutTokenUnauthorized() {
		Login engineer = newUser("not-admin", "DATA_ENGINEER", "DATA_SCIENTIST", "VIEWER");
		String token = engineer.access();
		this.api.get(USERS, token).assertProblem(403, "ACCESS_DENIED");
		this.api.get(USERS + "/admin", token).assertProblem(403, "ACCESS_DENIED");
		this.api
			.postJson(USERS, token,
					AuthApi.json(Map.of("username", unique("sneaky"), "password", PASSWORD, "roles", List.of("ADMIN"))))
			.assertProblem(403, "ACCESS_DENIED");
		this.api.patchJson(USERS + "/" + engineer.username(), token, "{\"roles\":[\"ADMIN\"]}")
			.assertProblem(403, "ACCESS_DENIED");
		this.api.get("/api/v1/auth/clients", token).assertProblem(403, "ACCESS_DENIED");
		this.api.get("/api/v1/auth/keys", token).assertProblem(403, "ACCESS_DENIED");
		this.api.postJson("/api/v1/auth/keys/rotate", token, "{}").assertProblem(403, "ACCESS_DENIED");

		this.api.get(USERS, null).assertProblem(401, "AUTHENTICATION_REQUIRED");
		this.api.get("/api/v1/auth/keys", null).assertProblem(401, "AUTHENTICATION_REQUIRED");
		this.api.get("/api/v1/auth/no-such-endpoint", null).assertProblem(401, "AUTHENTICATION_REQUIRED");
		this.api.get("/api/v1/auth/no-such-endpoint", token).assertProblem(404, "NOT_FOUND");
		assertThat(this.api.get("/api/v1/auth/me", token).json()).containsEntry("roles",
				List.of("DATA_ENGINEER", "DATA_SCIENTIST", "VIEWER"));
	}

	@Test
	void selfUpdateWhenItTriesToSetRolesOrEnabledThenRefusedAndNothingChanges() {
		Login user = newUser("selfish", "VIEWER");
		this.api
			.postJson("/api/v1/auth/me/password", user.access(), AuthApi
				.json(Map.of("oldPassword", PASSWORD, "newPassword", "Another-Good-One-5", "roles", List.of("ADMIN"))))
			.assertProblem(400, "MALFORMED_REQUEST")
			.hasFieldError("roles");
		this.api
			.postJson("/api/v1/auth/me/password", user.access(),
					AuthApi.json(Map.of("oldPassword", PASSWORD, "newPassword", "Another-Good-One-5", "enabled", true)))
			.assertProblem(400, "MALFORMED_REQUEST");
		this.api.patchJson("/api/v1/auth/me", user.access(), "{\"roles\":[\"ADMIN\"]}")
			.assertProblem(405, "METHOD_NOT_ALLOWED");
		this.api.postJson("/api/v1/auth/me", user.access(), "{\"roles\":[\"ADMIN\"]}")
			.assertProblem(405, "METHOD_NOT_ALLOWED");
		Answer me = this.api.get("/api/v1/auth/me", user.access());
		assertThat(me.status()).as("the session survives refused requests").isEqualTo(200);
		assertThat(me.json()).containsEntry("roles", List.of("VIEWER"));
		assertThat(this.api.get(USERS + "/" + user.username(), adminToken()).json())
			.containsEntry("roles", List.of("VIEWER"))
			.containsEntry("revision", 0);
		assertThat(this.api.login(user.username(), PASSWORD).access()).as("the password did not change either")
			.isNotBlank();
	}

	@Test
	void changePasswordWhenOldPasswordRightThenAllSessionsEndAndOnlyTheNewPasswordWorks() {
		Login user = newUser("changer", "VIEWER");
		String path = "/api/v1/auth/me/password";
		this.api
			.postJson(path, user.access(),
					AuthApi.json(Map.of("oldPassword", "Wrong-Old-Password-1", "newPassword", "Another-Good-One-5")))
			.assertProblem(400, "CURRENT_PASSWORD_INCORRECT");
		this.api.postJson(path, user.access(), AuthApi.json(Map.of("oldPassword", PASSWORD, "newPassword", "short")))
			.assertProblem(400, "PASSWORD_POLICY_VIOLATION")
			.hasFieldError("newPassword");
		this.api.postJson(path, user.access(), AuthApi.json(Map.of("oldPassword", PASSWORD, "newPassword", PASSWORD)))
			.assertProblem(400, "PASSWORD_POLICY_VIOLATION")
			.hasDetailContaining("password policy");
		this.api.postJson(path, user.access(), "{\"oldPassword\":\"" + PASSWORD + "\"}")
			.assertProblem(400, "VALIDATION_FAILED")
			.hasFieldError("newPassword");

		Answer changed = this.api.postJson(path, user.access(),
				AuthApi.json(Map.of("oldPassword", PASSWORD, "newPassword", "Another-Good-One-5")));
		assertThat(changed.status()).as(changed.body()).isEqualTo(204);
		this.api.get("/api/v1/auth/me", user.access()).assertProblem(401, "TOKEN_INVALID");
		this.api.refresh(user.refresh()).assertOAuthError(400, "OAUTH_INVALID_GRANT", "invalid_grant");
		this.api.form(AuthApi.TOKEN, "grant_type", "password", "username", user.username(), "password", PASSWORD)
			.assertOAuthError(400, "OAUTH_INVALID_GRANT", "invalid_grant");
		assertThat(this.api.login(user.username(), "Another-Good-One-5").access()).isNotBlank();
	}

	@Test
	void changePasswordWhenCallerIsAClientThenForbidden() {
		String clientId = unique("pwclient");
		Answer created = this.api.postJson("/api/v1/auth/clients", adminToken(),
				AuthApi.json(Map.of("clientId", clientId, "scopes", List.of("x"))));
		String token = this.api
			.formWith(AuthApi.TOKEN, AuthApi.basic(clientId, created.string("clientSecret")), "grant_type",
					"client_credentials")
			.string("access_token");
		this.api
			.postJson("/api/v1/auth/me/password", token,
					AuthApi.json(Map.of("oldPassword", "x", "newPassword", "Another-Good-One-5")))
			.assertProblem(403, "ACCESS_DENIED");
	}

}
