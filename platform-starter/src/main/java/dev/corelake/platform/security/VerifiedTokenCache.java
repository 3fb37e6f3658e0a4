package dev.corelake.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A {@link JwtDecoder} that remembers tokens whose signature it has already verified, so
 * a client sending the same access token again and again (every request of a session)
 * costs one parse and one RSA verification, not one per request. The claim checks
 * ({@code exp}/{@code nbf}, {@code iss}, {@code aud}, {@code jti}, the revocation list)
 * still run on every request, so a revoked or expired token is refused exactly as without
 * the cache.
 * <p>
 * The key is the whole token string: a hit means these exact bytes were verified before.
 * An entry lives until the token expires or for at most {@code maxAge} (so a key removed
 * from the JWKS stops being honoured within that time), and the cache is bounded by the
 * total length of the tokens it holds. Tokens that fail verification are never cached.
 *
 * @author Corelake
 */
public final class VerifiedTokenCache implements JwtDecoder {

	private final JwtDecoder verifier;

	private final OAuth2TokenValidator<Jwt> validator;

	private final Cache<String, Jwt> verified;

	private final Clock clock;

	/**
	 * Creates the cache.
	 * @param verifier checks the signature, algorithm and type (and nothing that changes
	 * with time)
	 * @param validator the claim checks, run on every call
	 * @param maxAge the longest time a verified token is remembered
	 * @param maxChars the total length of the tokens remembered at most
	 * @param clock the clock deciding when a token expires
	 */
	public VerifiedTokenCache(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, Duration maxAge, long maxChars,
			Clock clock) {
		this.verifier = verifier;
		this.validator = validator;
		this.clock = clock;
		this.verified = Caffeine.newBuilder()
			.maximumWeight(maxChars)
			.<String, Jwt>weigher((token, jwt) -> token.length())
			.expireAfter(new UntilExpiry(maxAge, clock))
			.build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt jwt = this.verified.getIfPresent(token);
		if (jwt == null) {
			jwt = this.verifier.decode(token);
			OAuth2TokenValidatorResult result = this.validator.validate(jwt);
			if (result.hasErrors()) {
				throw failure(result);
			}
			if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(this.clock.instant())) {
				// a token inside its clock skew after expiry is accepted but not
				// remembered
				this.verified.put(token, jwt);
			}
			return jwt;
		}
		OAuth2TokenValidatorResult result = this.validator.validate(jwt);
		if (result.hasErrors()) {
			this.verified.invalidate(token);
			throw failure(result);
		}
		return jwt;
	}

	/**
	 * How many verified tokens are remembered now (for tests and metrics).
	 * @return the number of entries
	 */
	public long size() {
		this.verified.cleanUp();
		return this.verified.estimatedSize();
	}

	private static JwtValidationException failure(OAuth2TokenValidatorResult result) {
		String description = result.getErrors().iterator().next().getDescription();
		return new JwtValidationException(
				"An error occurred while attempting to decode the Jwt: " + ((description != null) ? description : ""),
				result.getErrors());
	}

	/** Keeps an entry until its token expires, and never longer than the maximum age. */
	private record UntilExpiry(Duration maxAge, Clock clock) implements Expiry<String, Jwt> {

		@Override
		public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
			Instant expiresAt = jwt.getExpiresAt();
			if (expiresAt == null) {
				return 0;
			}
			long untilExpiry = Duration.between(this.clock.instant(), expiresAt).toNanos();
			return Math.max(0, Math.min(untilExpiry, this.maxAge.toNanos()));
		}

		@Override
		public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
			return expireAfterCreate(token, jwt, currentTime);
		}

		@Override
		public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
