package dev.corelake.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.corelake.auth.key.Signer;
import dev.corelake.auth.key.SigningKeys;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing keys over real HTTP: the JWKS and discovery documents, rotation that keeps
 * issued tokens valid, retired keys dropped after their grace, scheduled rotation, and
 * private key material that never leaves the service.
 *
 * @author Corelake
 */
class KeyRotationTests extends AbstractApiTests {

	private static final String JWKS = "/.well-known/jwks.json";

	private static final String KEYS = "/api/v1/auth/keys";

	@Autowired
	private SigningKeys signingKeys;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void rotateWhenAdminAsksThenOldTokensStayValidUntilTheRetiredKeyLeavesTheJwks() {
		Login user = newUser("rotation", "VIEWER");
		Signer before = this.signingKeys.signer();
		String oldKid = before.kid();
		assertThat(kidOf(user.access())).isEqualTo(oldKid);

		Answer rotated = this.api.postJson(KEYS + "/rotate", adminToken(), "");
		assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
		String newKid = rotated.string("kid");
		assertThat(newKid).isNotEqualTo(oldKid);
		assertThat(rotated.json()).containsEntry("active", true).containsEntry("algorithm", "RS256");

		Answer jwks = this.api.get(JWKS, null);
		assertThat(jwks.header("Cache-Control")).contains("max-age=300").contains("public");
		assertThat(kids(jwks)).startsWith(newKid).contains(oldKid);
		assertThat(this.api.get("/api/v1/auth/me", user.access()).status()).as("issued before the rotation")
			.isEqualTo(200);
		assertThat(PublishedKeys.verify(jwks.body(), user.access(), this.clock).getPayload().getSubject())
			.isEqualTo(user.username());
		String fresh = this.api.login(user.username(), PASSWORD).access();
		assertThat(kidOf(fresh)).isEqualTo(newKid);
		assertThat(PublishedKeys.verify(jwks.body(), fresh, this.clock).getHeader().getKeyId()).isEqualTo(newKid);

		Map<String, Object> retired = key(oldKid);
		Instant retiredAt = Instant.parse((String) retired.get("retiredAt"));
		assertThat(retired).containsEntry("active", false)
			.containsEntry("publishedUntil", retiredAt.plus(Duration.ofMinutes(10).plusSeconds(30)).toString());
		String longLived = forge(before, this.clock.instant().plus(Duration.ofDays(1)));
		assertThat(this.api.get("/api/v1/auth/me", longLived).status())
			.as("a retired key still verifies within its grace")
			.isEqualTo(200);

		this.clock.advance(Duration.ofMinutes(10).plusSeconds(31));
		assertThat(kids(this.api.get(JWKS, null))).contains(newKid).doesNotContain(oldKid);
		this.api.get("/api/v1/auth/me", longLived).assertProblem(401, "TOKEN_INVALID");
		this.signingKeys.maintain();
		assertThat(key(oldKid)).as("dropped from the store").isNull();
		assertThat(this.api.get("/api/v1/auth/me", this.api.login(user.username(), PASSWORD).access()).status())
			.isEqualTo(200);
	}

	@Test
	void maintainWhenActiveKeyIsOlderThanTheRotationPeriodThenANewKeyTakesOver() {
		String active = this.signingKeys.signer().kid();
		this.signingKeys.maintain();
		assertThat(this.signingKeys.signer().kid()).as("not due yet").isEqualTo(active);
		this.clock.advance(Duration.ofDays(30));
		this.signingKeys.maintain();
		String next = this.signingKeys.signer().kid();
		assertThat(next).isNotEqualTo(active);
		assertThat(kids(this.api.get(JWKS, null))).startsWith(next, active);
	}

	@Test
	void discoveryDocumentWhenReadThenPointsAtThisIssuersEndpoints() {
		Answer answer = this.api.get("/.well-known/openid-configuration", null);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.header("Cache-Control")).contains("max-age=300");
		assertThat(answer.json()).containsEntry("issuer", "http://localhost:8081")
			.containsEntry("jwks_uri", "http://localhost:8081/.well-known/jwks.json")
			.containsEntry("token_endpoint", "http://localhost:8081/api/v1/auth/token")
			.containsEntry("revocation_endpoint", "http://localhost:8081/api/v1/auth/revoke")
			.containsEntry("grant_types_supported", List.of("password", "refresh_token", "client_credentials"))
			.containsEntry("id_token_signing_alg_values_supported", List.of("RS256"));
	}

	@Test
	void privateKeyWhenAnyEndpointIsReadThenItsMaterialNeverAppears() throws Exception {
		String admin = adminToken();
		List<Answer> answers = new ArrayList<>();
		answers.add(this.api.postJson(KEYS + "/rotate", admin, ""));
		answers.add(this.api.get(JWKS, null));
		answers.add(this.api.get(KEYS, admin));
		answers.add(this.api.get("/.well-known/openid-configuration", null));
		answers.add(this.api.form(AuthApi.TOKEN, "grant_type", "password", "username", "admin", "password",
				ADMIN_PASSWORD));
		answers.add(this.api.get("/api/v1/auth/me", admin));
		answers.add(this.api.get("/api/v1/auth/revocations", null));

		List<String> secrets = new ArrayList<>();
		byte[] pkcs8 = this.signingKeys.signer().privateKey().getEncoded();
		secrets.add(Base64.getEncoder().encodeToString(pkcs8).substring(64, 128));
		secrets.add(Base64.getUrlEncoder().withoutPadding().encodeToString(pkcs8).substring(64, 128));
		for (String stored : this.jdbc.sql("select private_key from signing_key").query(String.class).list()) {
			secrets.add(stored.substring(20, 80));
			assertThat(stored).as("stored encrypted").doesNotContain(secrets.get(0));
		}
		secrets.add(Files.readString(Path.of("target/test-data/auth/key-encryption.key"), StandardCharsets.US_ASCII)
			.trim());
		for (Answer answer : answers) {
			assertThat(answer.status()).as(answer.body()).isLessThan(300);
			assertThat(answer.body()).doesNotContain(secrets).doesNotContain("PRIVATE");
		}
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> keys = (List<Map<String, Object>>) this.api.get(JWKS, null).json().get("keys");
		assertThat(keys).isNotEmpty()
			.allSatisfy((key) -> assertThat(key).containsOnlyKeys("kty", "kid", "use", "alg", "n", "e")
				.containsEntry("kty", "RSA")
				.containsEntry("use", "sig")
				.containsEntry("alg", "RS256"));
	}

	private Map<String, Object> key(String kid) {
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> keys = Answer.JSON.readValue(this.api.get(KEYS, adminToken()).body(), List.class);
		return keys.stream().filter((key) -> kid.equals(key.get("kid"))).findFirst().orElse(null);
	}

	private String forge(Signer signer, Instant expiresAt) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		return Jwts.builder()
			.header()
			.keyId(signer.kid())
			.type("at+jwt")
			.and()
			.issuer("http://localhost:8081")
			.audience()
			.single("corelake")
			.subject("admin")
			.issuedAt(Date.from(now))
			.notBefore(Date.from(now))
			.expiration(Date.from(expiresAt))
			.id(UUID.randomUUID().toString())
			.claim("roles", List.of("VIEWER"))
			.signWith(signer.privateKey(), Jwts.SIG.RS256)
			.compact();
	}

	@SuppressWarnings("unchecked")
	private static List<String> kids(Answer jwks) {
		return ((List<Map<String, Object>>) jwks.json().get("keys")).stream()
			.map((key) -> (String) key.get("kid"))
			.toList();
	}

	@SuppressWarnings("unchecked")
	private static String kidOf(String token) {
		String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
		return (String) Answer.JSON.readValue(header, Map.class).get("kid");
	}

}
