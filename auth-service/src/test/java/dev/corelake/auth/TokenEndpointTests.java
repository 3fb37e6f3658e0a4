package dev.corelake.auth;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.corelake.auth.AuthApi.Tokens;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoint over real HTTP: the login journey, refresh-token rotation and reuse
 * detection, the client-credentials grant, and every RFC 6749 error with its status and
 * catalogued code.
 *
 * @author Corelake
 */
class TokenEndpointTests extends AbstractApiTests {

	private static final String ME = "/api/v1/auth/me";

	@Test
	void journeyWhenEngineerLogsInRefreshesAndLogsOutThenEveryTokenOfTheSessionFails() {
		String admin = adminToken();
		String username = unique("engineer");
		this.api.createUser(admin, username, PASSWORD, "DATA_ENGINEER");

		Tokens first = this.api.login(username, PASSWORD);
		Answer me = this.api.get(ME, first.access());
		assertThat(me.status()).as(me.body()).isEqualTo(200);
		assertThat(me.json()).containsEntry("subject", username)
			.containsEntry("kind", "user")
			.containsEntry("roles", List.of("DATA_ENGINEER"));

		Answer refreshed = this.api.refresh(first.refresh());
		assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
		assertThat(refreshed.header("Cache-Control")).isEqualTo("no-store");
		Tokens second = new Tokens(refreshed.string("access_token"), refreshed.string("refresh_token"));
		assertThat(second.refresh()).isNotEqualTo(first.refresh());
		assertThat(second.access()).isNotEqualTo(first.access());
		assertThat(this.api.get(ME, second.access()).status()).isEqualTo(200);

		Answer logout = this.api.formWith("/api/v1/auth/logout", "Bearer " + second.access(), "refresh_token",
				second.refresh());
		assertThat(logout.status()).as(logout.body()).isEqualTo(204);

		this.api.get(ME, second.access()).assertProblem(401, "TOKEN_INVALID");
		this.api.refresh(second.refresh()).assertOAuthError(400, "OAUTH_INVALID_GRANT", "invalid_grant");
		this.api.refresh(first.refresh()).assertOAuthError(400, "OAUTH_INVALID_GRANT", "invalid_grant");
		this.api.get(ME, first.access()).assertProblem(401, "TOKEN_INVALID");
	}

	@Test
	void refreshWhenUsedTokenIsPresentedAgainThenWholeFamilyIsRevoked() {
		Login user = newUser("reuse", "VIEWER");
		Answer rotated = this.api.refresh(user.refresh());
		assertThat(rotated.status()).isEqualTo(200);
		String secondRefresh = rotated.string("refresh_token");
		String secondAccess = rotated.string("access_token");

		this.api.refresh(user.refresh())
			.assertOAuthError(400, "OAUTH_INVALID_GRANT", "invalid_grant")
			.hasDetailContaining("refresh token");

		this.api.refresh(secondRefresh).assertOAuthError(400, "OAUTH_INVALID_GRANT", "invalid_grant");
		this.api.get(ME, secondAccess).assertProblem(401, "TOKEN_INVALID");
		this.api.get(ME, user.access()).assertProblem(401, "TOKEN_INVALID");
		assertThat(feedJtis(0)).contains(jti(secondAccess), jti(user.access()));
	}

	@Test
	void passwordGrantWhenCredentialsRightThenAnswerHasTheContractShape() {
		String username = unique("shape");
		this.api.createUser(adminToken(), username, PASSWORD, "DATA_SCIENTIST", "VIEWER");
		Answer answer = this.api.form(AuthApi.TOKEN, "grant_type", "password", "username", username, "password",
				PASSWORD);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.contentType()).startsWith("application/json");
		assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
		assertThat(answer.header("Pragma")).isEqualTo("no-cache");
		assertThat(answer.json()).containsOnlyKeys("access_token", "token_type", "expires_in", "refresh_token")
			.containsEntry("token_type", "Bearer")
			.containsEntry("expires_in", 600);
		assertThat(answer.string("refresh_token")).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
	}

	@Test
	void accessTokenWhenVerifiedWithThePublishedJwksThenCarriesTheContractClaims() {
		Login user = newUser("claims", "DATA_SCIENTIST", "VIEWER");
		Jws<Claims> jws = PublishedKeys.verify(this.api.get("/.well-known/jwks.json", null).body(), user.access(),
				this.clock);
		assertThat(jws.getHeader().getAlgorithm()).isEqualTo("RS256");
		assertThat(jws.getHeader().getType()).isEqualTo("at+jwt");
		assertThat(jws.getHeader().getKeyId()).isNotBlank();
		Claims claims = jws.getPayload();
		assertThat(claims.getIssuer()).isEqualTo("http://localhost:8081");
		assertThat(claims.getAudience()).containsExactly("corelake");
		assertThat(claims.getSubject()).isEqualTo(user.username());
		assertThat(claims.getIssuedAt()).isEqualTo(claims.getNotBefore());
		assertThat(claims.getIssuedAt().toInstant())
			.isEqualTo(this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
		assertThat(Duration.between(claims.getIssuedAt().toInstant(), claims.getExpiration().toInstant()))
			.isEqualTo(Duration.ofMinutes(10));
		assertThat(claims.getId()).matches("[0-9a-f-]{36}");
		assertThat(claims.get("roles", List.class)).containsExactly("DATA_SCIENTIST", "VIEWER");
		assertThat(claims).doesNotContainKeys("scope", "client_id");
	}

	@Test
	void clientCredentialsWhenBasicOrFormThenTokenCarriesScopesAndNoRefreshToken() {
		Client client = newClient("reporting", List.of("catalog.read", "catalog.write"));

		Answer basic = this.api.formWith(AuthApi.TOKEN, AuthApi.basic(client.id(), client.secret()), "grant_type",
				"client_credentials");
		assertThat(basic.status()).as(basic.body()).isEqualTo(200);
		assertThat(basic.header("Cache-Control")).isEqualTo("no-store");
		assertThat(basic.json()).containsOnlyKeys("access_token", "token_type", "expires_in", "scope")
			.containsEntry("scope", "catalog.read catalog.write");
		Claims claims = PublishedKeys
			.verify(this.api.get("/.well-known/jwks.json", null).body(), basic.string("access_token"), this.clock)
			.getPayload();
		assertThat(claims.getSubject()).isEqualTo(client.id());
		assertThat(claims).containsEntry("client_id", client.id())
			.containsEntry("scope", "catalog.read catalog.write")
			.doesNotContainKey("roles");

		Answer form = this.api.form(AuthApi.TOKEN, "grant_type", "client_credentials", "client_id", client.id(),
				"client_secret", client.secret(), "scope", "catalog.read");
		assertThat(form.status()).as(form.body()).isEqualTo(200);
		assertThat(form.json()).containsEntry("scope", "catalog.read").doesNotContainKey("refresh_token");

		Answer me = this.api.get(ME, form.string("access_token"));
		assertThat(me.json()).containsEntry("subject", client.id())
			.containsEntry("kind", "client")
			.containsEntry("scopes", List.of("catalog.read"));
		this.api.get("/api/v1/auth/users", form.string("access_token")).assertProblem(403, "ACCESS_DENIED");
	}

	@Test
	void clientCredentialsWhenPlatformClientConfiguredThenItCanObtainTokens() {
		Answer answer = this.api.formWith(AuthApi.TOKEN, AuthApi.basic("corelake-platform", PLATFORM_SECRET),
				"grant_type", "client_credentials");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json()).containsEntry("scope", "platform");
	}

	// ------------------------------------------------------------------ OAuth errors

	@Test
	void tokenWhenRequestIsMalformedThenInvalidRequest() {
		String token = AuthApi.TOKEN;
		this.api.form(token, "username", "nobody", "password", PASSWORD)
			.assertOAuthError(400, "OAUTH_INVALID_REQUEST", "invalid_request")
			.hasDetailContaining("grant_type");
		this.api.form(token, "grant_type", "", "username", "x")
			.assertOAuthError(400, "OAUTH_INVALID_REQUEST", "invalid_request");
		this.api.form(token, "grant_type", "password", "password", PASSWORD)
			.assertOAuthError(400, "OAUTH_INVALID_REQUEST", "invalid_request")
			.hasDetailContaining("username");
		this.api.form(token, "grant_type", "password", "username", "someone")
			.assertOAuthError(400, "OAUTH_INVALID_REQUEST", "invalid_request")
			.hasDetailContaining("password");
		this.api.form(token, "grant_type", "refresh_token")
			.assertOAuthError(400, "OAUTH_INVALID_REQUEST", "invalid_request")
			.hasDetailContaining("refresh_token");
		this.api.form(token, "grant_type", "password", "grant_type", "password", "username", "a", "password", "b")
			.assertOAuthError(400, "OAUTH_INVALID_REQUEST", "invalid_request")
			.hasDetailContaining("repeated");
		this.api.form(token, "grant_type", "password", "username", "u".repeat(9000), "password", PASSWORD)
			.assertOAuthError(400, "OAUTH_INVALID_REQUEST", "invalid_request")
			.hasDetailContaining("too long");
		this.api
			.formWith(token, AuthApi.basic("someone", "secret"), "grant_type", "client_credentials", "client_id",
					"someone", "client_secret", "secret")
			.assertOAuthError(400, "OAUTH_INVALID_REQUEST", "invalid_request")
			.hasDetailContaining("one client authentication method");
		this.api
			.send(this.api.request(token + "?grant_type=password&username=admin&password=x")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers.ofString("")))
			.assertOAuthError(400, "OAUTH_INVALID_REQUEST", "invalid_request")
			.hasDetailContaining("query string");
		this.api
			.send(this.api.request(token)
				.header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString("{\"grant_type\":\"password\"}")))
			.assertOAuthError(400, "OAUTH_INVALID_REQUEST", "invalid_request")
			.hasDetailContaining("x-www-form-urlencoded");
		this.api.send(this.api.request(token).POST(BodyPublishers.noBody()))
			.assertOAuthError(400, "OAUTH_INVALID_REQUEST", "invalid_request");
	}

	@Test
	void tokenWhenClientAuthenticationFailsThenInvalidClientAndBasicIsChallenged() {
		Client client = newClient("failing", List.of("catalog.read"));
		Answer wrongBasic = this.api.formWith(AuthApi.TOKEN, AuthApi.basic(client.id(), "wrong-secret"), "grant_type",
				"client_credentials");
		wrongBasic.assertOAuthError(401, "OAUTH_INVALID_CLIENT", "invalid_client");
		assertThat(wrongBasic.header("WWW-Authenticate")).startsWith("Basic");

		Answer wrongForm = this.api.form(AuthApi.TOKEN, "grant_type", "client_credentials", "client_id", client.id(),
				"client_secret", "wrong-secret");
		wrongForm.assertOAuthError(401, "OAUTH_INVALID_CLIENT", "invalid_client");
		assertThat(wrongForm.header("WWW-Authenticate")).isNull();

		Answer unknown = this.api.formWith(AuthApi.TOKEN, AuthApi.basic("no-such-client", client.secret()),
				"grant_type", "client_credentials");
		unknown.assertOAuthError(401, "OAUTH_INVALID_CLIENT", "invalid_client");
		assertThat(unknown.json().get("detail")).isEqualTo(wrongBasic.json().get("detail"));

		this.api.form(AuthApi.TOKEN, "grant_type", "client_credentials")
			.assertOAuthError(401, "OAUTH_INVALID_CLIENT", "invalid_client");
		this.api.form(AuthApi.TOKEN, "grant_type", "client_credentials", "client_id", client.id())
			.assertOAuthError(401, "OAUTH_INVALID_CLIENT", "invalid_client");
		this.api.formWith(AuthApi.TOKEN, "Basic not*base64", "grant_type", "client_credentials")
			.assertOAuthError(401, "OAUTH_INVALID_CLIENT", "invalid_client");
		this.api
			.formWith(AuthApi.TOKEN, "Basic " + java.util.Base64.getEncoder().encodeToString("nocolon".getBytes()),
					"grant_type", "client_credentials")
			.assertOAuthError(401, "OAUTH_INVALID_CLIENT", "invalid_client");

		Answer disabled = this.api.patchJson("/api/v1/auth/clients/" + client.id(), adminToken(),
				"{\"enabled\":false}");
		assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
		this.api
			.formWith(AuthApi.TOKEN, AuthApi.basic(client.id(), client.secret()), "grant_type", "client_credentials")
			.assertOAuthError(401, "OAUTH_INVALID_CLIENT", "invalid_client");
	}

	@Test
	void tokenWhenGrantIsWrongThenInvalidGrantWithTheSameAnswerForUnknownUsers() {
		Login user = newUser("grant", "VIEWER");
		Answer wrongPassword = this.api.form(AuthApi.TOKEN, "grant_type", "password", "username", user.username(),
				"password", "Not-The-Password-1");
		wrongPassword.assertOAuthError(400, "OAUTH_INVALID_GRANT", "invalid_grant");
		Answer unknownUser = this.api.form(AuthApi.TOKEN, "grant_type", "password", "username", "nobody-at-all",
				"password", "Not-The-Password-1");
		unknownUser.assertOAuthError(400, "OAUTH_INVALID_GRANT", "invalid_grant");
		assertThat(withoutTraceId(unknownUser.json())).isEqualTo(withoutTraceId(wrongPassword.json()));

		this.api.form(AuthApi.TOKEN, "grant_type", "password", "username", "Ünïcødé\u202E", "password", PASSWORD)
			.assertOAuthError(400, "OAUTH_INVALID_GRANT", "invalid_grant");
		this.api
			.form(AuthApi.TOKEN, "grant_type", "password", "username", user.username(), "password", "p".repeat(5000))
			.assertOAuthError(400, "OAUTH_INVALID_GRANT", "invalid_grant");
		this.api.refresh("not-a-refresh-token").assertOAuthError(400, "OAUTH_INVALID_GRANT", "invalid_grant");
		this.api.refresh(user.access()).assertOAuthError(400, "OAUTH_INVALID_GRANT", "invalid_grant");
	}

	@Test
	void refreshWhenTokenIsOlderThanItsTtlThenInvalidGrant() {
		Login user = newUser("expiring", "VIEWER");
		this.clock.advance(Duration.ofHours(8).plusSeconds(1));
		this.api.refresh(user.refresh()).assertOAuthError(400, "OAUTH_INVALID_GRANT", "invalid_grant");
	}

	@Test
	void tokenWhenClientUsesAUserGrantThenUnauthorizedClient() {
		Client client = newClient("sneaky", List.of("catalog.read"));
		Login user = newUser("victim", "VIEWER");
		this.api
			.formWith(AuthApi.TOKEN, AuthApi.basic(client.id(), client.secret()), "grant_type", "password", "username",
					user.username(), "password", PASSWORD)
			.assertOAuthError(400, "OAUTH_UNAUTHORIZED_CLIENT", "unauthorized_client");
		this.api
			.formWith(AuthApi.TOKEN, AuthApi.basic(client.id(), client.secret()), "grant_type", "refresh_token",
					"refresh_token", user.refresh())
			.assertOAuthError(400, "OAUTH_UNAUTHORIZED_CLIENT", "unauthorized_client");
		assertThat(this.api.refresh(user.refresh()).status()).as("the refresh token was not consumed").isEqualTo(200);
	}

	@Test
	void tokenWhenGrantTypeIsUnknownThenUnsupportedGrantType() {
		for (String grant : List.of("authorization_code", "implicit", "urn:ietf:params:oauth:grant-type:jwt-bearer",
				"PASSWORD")) {
			this.api.form(AuthApi.TOKEN, "grant_type", grant, "code", "x")
				.assertOAuthError(400, "OAUTH_UNSUPPORTED_GRANT_TYPE", "unsupported_grant_type");
		}
	}

	@Test
	void tokenWhenScopeIsNotGrantedOrMalformedThenInvalidScope() {
		Client client = newClient("scoped", List.of("catalog.read"));
		String basic = AuthApi.basic(client.id(), client.secret());
		this.api.formWith(AuthApi.TOKEN, basic, "grant_type", "client_credentials", "scope", "catalog.write")
			.assertOAuthError(400, "OAUTH_INVALID_SCOPE", "invalid_scope");
		this.api.formWith(AuthApi.TOKEN, basic, "grant_type", "client_credentials", "scope", "catalog.read  x")
			.assertOAuthError(400, "OAUTH_INVALID_SCOPE", "invalid_scope");
		this.api.formWith(AuthApi.TOKEN, basic, "grant_type", "client_credentials", "scope", "caf\u00e9")
			.assertOAuthError(400, "OAUTH_INVALID_SCOPE", "invalid_scope");
		Login user = newUser("scopeless", "VIEWER");
		this.api
			.form(AuthApi.TOKEN, "grant_type", "password", "username", user.username(), "password", PASSWORD, "scope",
					"openid")
			.assertOAuthError(400, "OAUTH_INVALID_SCOPE", "invalid_scope");
		this.api.form(AuthApi.TOKEN, "grant_type", "refresh_token", "refresh_token", user.refresh(), "scope", "x")
			.assertOAuthError(400, "OAUTH_INVALID_SCOPE", "invalid_scope");
	}

	// ------------------------------------------------------------------ revocation

	@Test
	void revokeWhenRefreshTokenGivenThenItsFamilyEndsAndUnknownTokensAnswer200() {
		Login user = newUser("revoke", "VIEWER");
		Answer revoked = this.api.form("/api/v1/auth/revoke", "token", user.refresh(), "token_type_hint",
				"refresh_token");
		assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
		assertThat(revoked.header("Cache-Control")).isEqualTo("no-store");
		this.api.refresh(user.refresh()).assertOAuthError(400, "OAUTH_INVALID_GRANT", "invalid_grant");
		this.api.get(ME, user.access()).assertProblem(401, "TOKEN_INVALID");

		assertThat(this.api.form("/api/v1/auth/revoke", "token", "no-such-token").status()).isEqualTo(200);
		assertThat(this.api.form("/api/v1/auth/revoke", "token", user.refresh()).status()).isEqualTo(200);
		assertThat(this.api.form("/api/v1/auth/revoke", "token", "a.b.c", "token_type_hint", "access_token").status())
			.isEqualTo(200);
		assertThat(this.api.form("/api/v1/auth/revoke", "token", "x", "token_type_hint", "something_else").status())
			.isEqualTo(200);
		this.api.form("/api/v1/auth/revoke", "token_type_hint", "refresh_token")
			.assertOAuthError(400, "OAUTH_INVALID_REQUEST", "invalid_request");
		this.api.formWith("/api/v1/auth/revoke", AuthApi.basic("no-such-client", "wrong"), "token", "x")
			.assertOAuthError(401, "OAUTH_INVALID_CLIENT", "invalid_client");
	}

	@Test
	void revokeWhenAccessTokenGivenThenItStopsWorkingAndTheFeedListsIt() {
		Login user = newUser("feed", "VIEWER");
		Answer before = this.api.get("/api/v1/auth/revocations", null);
		long asOf = ((Number) before.json().get("asOf")).longValue();
		assertThat(asOf).isEqualTo(this.clock.millis());

		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.api.form("/api/v1/auth/revoke", "token", user.access(), "token_type_hint", "access_token")
			.status()).isEqualTo(200);
		this.api.get(ME, user.access()).assertProblem(401, "TOKEN_INVALID");
		assertThat(this.api.refresh(user.refresh()).status()).as("revoking an access token leaves the refresh token")
			.isEqualTo(200);

		this.clock.advance(Duration.ofSeconds(10));
		Answer feed = this.api.get("/api/v1/auth/revocations?since=" + asOf, null);
		assertThat(feed.status()).isEqualTo(200);
		assertThat(feed.header("Cache-Control")).isEqualTo("no-store");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> revoked = (List<Map<String, Object>>) feed.json().get("revoked");
		String expiresAt = java.time.Instant.ofEpochSecond(((Number) claims(user.access()).get("exp")).longValue())
			.toString();
		assertThat(revoked).contains(Map.of("jti", jti(user.access()), "expiresAt", expiresAt));
		long later = ((Number) feed.json().get("asOf")).longValue();
		assertThat(later).isEqualTo(this.clock.millis());
		assertThat(feedJtis(later)).as("nothing was revoked since the last answer").doesNotContain(jti(user.access()));

		this.clock.advance(Duration.ofMinutes(11));
		assertThat(feedJtis(0)).as("expired tokens leave the feed").doesNotContain(jti(user.access()));
	}

	@Test
	void logoutWhenJsonBodyNamesTheRefreshTokenThenBothAreRevoked() {
		Login user = newUser("jsonlogout", "VIEWER");
		Answer logout = this.api.postJson("/api/v1/auth/logout", user.access(),
				AuthApi.json(Map.of("refresh_token", user.refresh())));
		assertThat(logout.status()).as(logout.body()).isEqualTo(204);
		this.api.get(ME, user.access()).assertProblem(401, "TOKEN_INVALID");
		this.api.refresh(user.refresh()).assertOAuthError(400, "OAUTH_INVALID_GRANT", "invalid_grant");
		this.api.postJson("/api/v1/auth/logout", null, "{}").assertProblem(401, "AUTHENTICATION_REQUIRED");
	}

	@Test
	void revocationFeedWhenSinceIsInvalidThenBadRequest() {
		this.api.get("/api/v1/auth/revocations?since=-1", null).assertProblem(400, "VALIDATION_FAILED");
		this.api.get("/api/v1/auth/revocations?since=yesterday", null).assertProblem(400, "INVALID_PARAMETER");
		this.clock.advance(Duration.ofSeconds(10));
		Answer far = this.api.get("/api/v1/auth/revocations?since=" + Long.MAX_VALUE, null);
		assertThat(far.status()).isEqualTo(200);
		assertThat(far.json()).containsEntry("revoked", List.of());
	}

	@Test
	void meWhenAccessTokenExpiredThenTokenExpired() {
		Login user = newUser("expired", "VIEWER");
		this.clock.advance(Duration.ofMinutes(10).plusSeconds(31));
		Answer answer = this.api.get(ME, user.access());
		answer.assertProblem(401, "TOKEN_EXPIRED");
		assertThat(answer.header("WWW-Authenticate")).contains("invalid_token");
	}

	@Test
	void meWhenNoTokenOrGarbageThen401Problems() {
		Answer none = this.api.get(ME, null);
		none.assertProblem(401, "AUTHENTICATION_REQUIRED");
		assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
		this.api.get(ME, "garbage").assertProblem(401, "TOKEN_INVALID");
		assertThat(this.api.get("/.well-known/jwks.json", "garbage").status())
			.as("a stale token on a public endpoint is ignored")
			.isEqualTo(200);
	}

	private Client newClient(String base, List<String> scopes) {
		String id = unique(base);
		Answer created = this.api.postJson("/api/v1/auth/clients", adminToken(),
				AuthApi.json(Map.of("clientId", id, "scopes", scopes)));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return new Client(id, created.string("clientSecret"));
	}

	private List<String> feedJtis(long since) {
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> revoked = (List<Map<String, Object>>) this.api
			.get("/api/v1/auth/revocations?since=" + since, null)
			.json()
			.get("revoked");
		return revoked.stream().map((entry) -> (String) entry.get("jti")).toList();
	}

	static String jti(String accessToken) {
		return (String) claims(accessToken).get("jti");
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> claims(String accessToken) {
		String payload = new String(java.util.Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]),
				java.nio.charset.StandardCharsets.UTF_8);
		return Answer.JSON.readValue(payload, Map.class);
	}

	private static Map<String, Object> withoutTraceId(Map<String, Object> problem) {
		Map<String, Object> copy = new java.util.HashMap<>(problem);
		copy.remove("traceId");
		return copy;
	}

	/**
	 * An API client and its secret.
	 *
	 * @param id client id
	 * @param secret secret
	 */
	record Client(String id, String secret) {
	}

}
