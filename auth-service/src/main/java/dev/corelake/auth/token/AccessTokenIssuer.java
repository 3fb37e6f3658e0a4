package dev.corelake.auth.token;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import dev.corelake.auth.key.Signer;
import dev.corelake.auth.key.SigningKeys;
import dev.corelake.auth.system.AuthProperties;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;

import org.springframework.stereotype.Component;

/**
 * Signs access tokens: RS256 JWTs with {@code typ: at+jwt} and the active key's
 * {@code kid}, carrying {@code iss}, {@code aud}, {@code sub}, {@code iat}, {@code nbf}
 * (= {@code iat}), {@code exp}, {@code jti}, and {@code roles} (users) or {@code scope}
 * and {@code client_id} (API clients).
 *
 * @author Corelake
 */
@Component
class AccessTokenIssuer {

	static final String TYPE = "at+jwt";

	private final SigningKeys keys;

	private final AuthProperties properties;

	private final Clock clock;

	AccessTokenIssuer(SigningKeys keys, AuthProperties properties, Clock clock) {
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Issues a token for a user.
	 * @param username the user
	 * @param roles the user's roles
	 * @return the token
	 */
	AccessToken forUser(String username, Collection<String> roles) {
		return issue(username, roles, List.of(), null);
	}

	/**
	 * Issues a token for an API client.
	 * @param clientId the client
	 * @param scopes the granted scopes
	 * @return the token
	 */
	AccessToken forClient(String clientId, Collection<String> scopes) {
		return issue(clientId, null, scopes, clientId);
	}

	private AccessToken issue(String subject, Collection<String> roles, Collection<String> scopes, String clientId) {
		Signer signer = this.keys.signer();
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Instant expiresAt = now.plus(this.properties.accessTokenTtl());
		String jti = UUID.randomUUID().toString();
		JwtBuilder builder = Jwts.builder()
			.header()
			.keyId(signer.kid())
			.type(TYPE)
			.and()
			.issuer(this.properties.issuer())
			.audience()
			.single(this.properties.audience())
			.subject(subject)
			.issuedAt(Date.from(now))
			.notBefore(Date.from(now))
			.expiration(Date.from(expiresAt))
			.id(jti);
		if (roles != null) {
			builder.claim("roles", List.copyOf(roles));
		}
		if (!scopes.isEmpty()) {
			builder.claim("scope", String.join(" ", scopes));
		}
		if (clientId != null) {
			builder.claim("client_id", clientId);
		}
		String value = builder.signWith(signer.privateKey(), Jwts.SIG.RS256).compact();
		return new AccessToken(value, jti, now, expiresAt);
	}

	/**
	 * A signed access token.
	 *
	 * @param value the compact JWT
	 * @param jti its id
	 * @param issuedAt its {@code iat}
	 * @param expiresAt its {@code exp}
	 */
	record AccessToken(String value, String jti, Instant issuedAt, Instant expiresAt) {

		@Override
		public String toString() {
			return "AccessToken[jti=" + this.jti + "]";
		}

	}

}
