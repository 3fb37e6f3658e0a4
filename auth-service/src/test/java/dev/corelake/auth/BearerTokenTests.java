package dev.corelake.auth;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.corelake.auth.key.Signer;
import dev.corelake.auth.key.SigningKeys;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forged and damaged bearer tokens against auth-service's own decoder: each is answered
 * 401 with a problem, and none reaches the API.
 *
 * @author Corelake
 */
class BearerTokenTests extends AbstractApiTests {

	private static final String ME = "/api/v1/auth/me";

	@Autowired
	private SigningKeys signingKeys;

	@Test
	void meWhenTokenIsWellFormedAndSignedByTheActiveKeyThenAccepted() {
		assertThat(this.api.get(ME, sign((builder) -> {
		})).status()).isEqualTo(200);
	}

	@Test
	void meWhenClaimsAreWrongThenTokenInvalid() {
		assertInvalid(sign((builder) -> builder.issuer("https://evil.example")));
		assertInvalid(sign((builder) -> builder.audience().single("someone-else")));
		assertInvalid(sign((builder) -> builder.id(null)));
		assertInvalid(sign((builder) -> builder.header().type("JWT").and()));
		assertInvalid(sign((builder) -> builder.header().delete("typ").and()));
		assertInvalid(sign((builder) -> builder.subject(null)));
	}

	@Test
	void meWhenExpiredOrNotYetValidThenTokenExpired() {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Date issued = Date.from(now.minus(Duration.ofMinutes(11)));
		this.api.get(ME, sign(
				(builder) -> builder.issuedAt(issued).notBefore(issued).expiration(Date.from(now.minusSeconds(31)))))
			.assertProblem(401, "TOKEN_EXPIRED");
		this.api.get(ME, sign((builder) -> builder.notBefore(Date.from(now.plusSeconds(120)))))
			.assertProblem(401, "TOKEN_EXPIRED");
		assertThat(this.api.get(ME, sign(
				(builder) -> builder.issuedAt(issued).notBefore(issued).expiration(Date.from(now.minusSeconds(10)))))
			.status()).as("within the 30 s clock skew").isEqualTo(200);
	}

	@Test
	void meWhenAlgorithmIsNoneOrHmacOrSignatureIsMissingThenTokenInvalid() throws Exception {
		String valid = sign((builder) -> {
		});
		String[] parts = valid.split("\\.");
		Map<String, Object> header = json(parts[0]);
		for (String none : List.of("none", "None", "NONE", "nOnE")) {
			Map<String, Object> unsigned = new LinkedHashMap<>(header);
			unsigned.put("alg", none);
			assertInvalid(encode(unsigned) + "." + parts[1] + ".");
		}
		assertInvalid(parts[0] + "." + parts[1] + ".");
		assertInvalid(parts[0] + "." + parts[1]);

		Map<String, Object> hmac = new LinkedHashMap<>(header);
		hmac.put("alg", "HS256");
		String signingInput = encode(hmac) + "." + parts[1];
		byte[] publicKey = this.signingKeys.published().get(0).toRSAPublicKey().getEncoded();
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(publicKey, "HmacSHA256"));
		byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
		assertInvalid(signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature));

		String tampered = parts[0] + "." + encode(Map.of("sub", "admin", "roles", List.of("ADMIN"))) + "." + parts[2];
		assertInvalid(tampered);
	}

	@Test
	void meWhenKeyIsUnknownOrPointsElsewhereThenTokenInvalid() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		PrivateKey attacker = generator.generateKeyPair().getPrivate();
		String activeKid = this.signingKeys.signer().kid();
		assertInvalid(signWith(attacker, activeKid, (builder) -> {
		}));
		assertInvalid(signWith(attacker, "no-such-kid", (builder) -> {
		}));
		assertInvalid(signWith(attacker, "' or '1'='1", (builder) -> {
		}));
		assertInvalid(signWith(attacker, "../../etc/passwd", (builder) -> {
		}));
		assertInvalid(signWith(attacker, activeKid,
				(builder) -> builder.header().add("jku", "https://evil.example/jwks.json").and()));
		assertInvalid(signWith(attacker, activeKid,
				(builder) -> builder.header().add("x5u", "https://evil.example/cert.pem").and()));
		Signer real = this.signingKeys.signer();
		assertThat(this.api
			.get(ME, signWith(real.privateKey(), real.kid(),
					(builder) -> builder.header().add("jku", "https://evil.example/jwks.json").and()))
			.status()).as("jku is ignored: the key comes from the key ring, not the header").isEqualTo(200);
	}

	@Test
	void meWhenTokenIsOver8KbOrGarbageThenTokenInvalid() {
		assertInvalid(sign((builder) -> builder.claim("padding", "x".repeat(9000))));
		assertInvalid("not-a-jwt");
		assertInvalid("a.b.c");
		assertInvalid("\u00e9\u00e9\u00e9.\u00e9.\u00e9");
	}

	private void assertInvalid(String token) {
		this.api.get(ME, token).assertProblem(401, "TOKEN_INVALID");
	}

	private String sign(Consumer<JwtBuilder> customizer) {
		Signer signer = this.signingKeys.signer();
		return signWith(signer.privateKey(), signer.kid(), customizer);
	}

	private String signWith(PrivateKey key, String kid, Consumer<JwtBuilder> customizer) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		JwtBuilder builder = Jwts.builder()
			.header()
			.keyId(kid)
			.type("at+jwt")
			.and()
			.issuer("http://localhost:8081")
			.audience()
			.single("corelake")
			.subject("admin")
			.issuedAt(Date.from(now))
			.notBefore(Date.from(now))
			.expiration(Date.from(now.plus(Duration.ofMinutes(5))))
			.id(UUID.randomUUID().toString())
			.claim("roles", List.of("ADMIN"));
		customizer.accept(builder);
		return builder.signWith(key, Jwts.SIG.RS256).compact();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(String segment) {
		return Answer.JSON.readValue(Base64.getUrlDecoder().decode(segment), Map.class);
	}

	private static String encode(Map<String, Object> json) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(AuthApi.json(json).getBytes(StandardCharsets.UTF_8));
	}

}
