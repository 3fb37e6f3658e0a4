package dev.corelake.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link VerifiedTokenCache}: a token's signature is verified once, its claims
 * on every call.
 *
 * @author Corelake
 */
class VerifiedTokenCacheTests {

	private final AtomicInteger verifications = new AtomicInteger();

	private final AtomicBoolean claimsValid = new AtomicBoolean(true);

	private Instant expiresAt = Instant.now().plus(Duration.ofMinutes(5));

	private final JwtDecoder verifier = (token) -> {
		this.verifications.incrementAndGet();
		if (token.startsWith("forged")) {
			throw new BadJwtException("Signed JWT rejected: Invalid signature");
		}
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject("someone")
			.issuedAt(this.expiresAt.minus(Duration.ofMinutes(5)))
			.expiresAt(this.expiresAt)
			.build();
	};

	private final OAuth2TokenValidator<Jwt> validator = (jwt) -> this.claimsValid.get()
			? OAuth2TokenValidatorResult.success()
			: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token has been revoked", null));

	private VerifiedTokenCache cache(long maxChars) {
		return new VerifiedTokenCache(this.verifier, this.validator, Duration.ofMinutes(5), maxChars,
				Clock.systemUTC());
	}

	@Test
	void repeatedTokenIsVerifiedOnce() {
		VerifiedTokenCache cache = cache(10_000);
		for (int i = 0; i < 5; i++) {
			assertThat(cache.decode("token-a").getSubject()).isEqualTo("someone");
		}
		cache.decode("token-b");
		assertThat(this.verifications).hasValue(2);
		assertThat(cache.size()).isEqualTo(2);
	}

	@Test
	void claimsAreCheckedOnEveryCallAndAFailureForgetsTheToken() {
		VerifiedTokenCache cache = cache(10_000);
		cache.decode("token-a");
		this.claimsValid.set(false);
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> cache.decode("token-a"))
			.withMessageContaining("revoked");
		assertThat(cache.size()).isZero();
		this.claimsValid.set(true);
		cache.decode("token-a");
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void tokenFailingItsClaimsAtFirstSightIsNotRemembered() {
		VerifiedTokenCache cache = cache(10_000);
		this.claimsValid.set(false);
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> cache.decode("token-a"));
		assertThat(cache.size()).isZero();
	}

	@Test
	void tokenFailingVerificationIsNeverRemembered() {
		VerifiedTokenCache cache = cache(10_000);
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> cache.decode("forged-token"));
		}
		assertThat(this.verifications).hasValue(3);
		assertThat(cache.size()).isZero();
	}

	@Test
	void expiredTokenIsNotRemembered() {
		this.expiresAt = Instant.now().minusSeconds(10);
		VerifiedTokenCache cache = cache(10_000);
		cache.decode("token-a");
		cache.decode("token-a");
		assertThat(this.verifications).hasValue(2);
		assertThat(cache.size()).isZero();
	}

	@Test
	void rememberedTokensAreBoundedByTheirTotalLength() {
		VerifiedTokenCache cache = cache(100);
		for (int i = 0; i < 10; i++) {
			cache.decode("token-" + i + "-".repeat(40));
		}
		assertThat(cache.size()).isLessThanOrEqualTo(2);
	}

}
