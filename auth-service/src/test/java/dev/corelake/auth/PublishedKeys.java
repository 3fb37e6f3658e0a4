package dev.corelake.auth;

import java.security.Key;
import java.time.Clock;
import java.util.Date;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.ProtectedHeader;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;

/**
 * Verifies access tokens the way an outside resource server would: with jjwt and nothing
 * but the published JWKS.
 *
 * @author Corelake
 */
final class PublishedKeys {

	private PublishedKeys() {
	}

	/**
	 * Parses and verifies a token against a JWKS document.
	 * @param jwksJson the JWKS
	 * @param token the token
	 * @param clock the clock to check {@code exp} and {@code nbf} against
	 * @return the verified token
	 */
	static Jws<Claims> verify(String jwksJson, String token, Clock clock) {
		JwkSet set = Jwks.setParser().build().parse(jwksJson);
		return Jwts.parser().keyLocator(new LocatorAdapter<Key>() {

			@Override
			protected Key locate(ProtectedHeader header) {
				return set.getKeys()
					.stream()
					.filter((jwk) -> jwk.getId().equals(header.getKeyId()))
					.findFirst()
					.map(Jwk::toKey)
					.orElseThrow(() -> new IllegalArgumentException("No published key " + header.getKeyId()));
			}

		})
			.clock(() -> Date.from(clock.instant()))
			.requireIssuer("http://localhost:8081")
			.requireAudience("corelake")
			.build()
			.parseSignedClaims(token);
	}

}
