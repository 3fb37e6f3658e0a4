package dev.corelake.platform.security;

import java.net.MalformedURLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the platform's JWT decoder: RS256 only (so {@code none}, HMAC and key-confusion
 * tricks fail), keys only from auth-service's JWKS (so {@code jku}, {@code x5u} and
 * embedded {@code jwk} headers are ignored), the JWKS cached, refreshed ahead of expiry,
 * refetched at most once per interval for an unknown {@code kid}, and kept when
 * auth-service is down; then {@code iss}, {@code aud}, {@code exp}/{@code nbf} (with a
 * small skew), {@code jti} presence and the revocation list are checked.
 *
 * @author Corelake
 */
public final class CorelakeJwtDecoders {

	/**
	 * The total length of the verified tokens remembered: about 4,000 typical tokens.
	 */
	static final long VERIFIED_TOKEN_CHARS = 4L * 1024 * 1024;

	private CorelakeJwtDecoders() {
	}

	/**
	 * A decoder reading keys from the JWKS of the configured auth-service.
	 * @param properties security settings
	 * @param revoked the revocation list
	 * @return the decoder
	 */
	public static JwtDecoder fromJwks(SecurityProperties properties, RevokedTokens revoked) {
		JWKSource<SecurityContext> keys;
		try {
			int timeout = 2000;
			long ttl = properties.jwksCacheTtl().toMillis();
			// Nimbus requires refetch interval, refresh-ahead time and refresh timeout to
			// fit in the
			// cache lifetime
			long minInterval = Math.min(properties.jwksRefreshMinInterval().toMillis(), ttl / 2);
			long refreshAhead = Math.min(30_000, ttl / 4);
			long refreshTimeout = Math.min(timeout, ttl / 4);
			keys = JWKSourceBuilder
				.<SecurityContext>create(properties.jwksUri().toURL(),
						new DefaultResourceRetriever(timeout, timeout, 512 * 1024))
				.cache(ttl, refreshTimeout)
				.refreshAheadCache(refreshAhead, true)
				.rateLimited(minInterval)
				.outageTolerantForever()
				.retrying(false)
				.build();
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException("Invalid auth-service URL " + properties.authUrl(), ex);
		}
		return withKeys(keys, properties, revoked);
	}

	/**
	 * A decoder over a given key source (auth-service's own keys, or a test's): the
	 * signature, algorithm and type are checked once per distinct token
	 * ({@link VerifiedTokenCache}), the claims and the revocation list on every call.
	 * @param keys where verification keys come from
	 * @param properties security settings
	 * @param revoked the revocation list, may be {@code null}
	 * @return the decoder
	 */
	public static JwtDecoder withKeys(JWKSource<SecurityContext> keys, SecurityProperties properties,
			RevokedTokens revoked) {
		NimbusJwtDecoder verifier = NimbusJwtDecoder.withJwkSource(keys)
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.jwtProcessorCustomizer((processor) -> processor
				.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt"))))
			.build();
		// the claims are checked by the cache on every call, not only at the first
		verifier.setJwtValidator((jwt) -> OAuth2TokenValidatorResult.success());
		return new VerifiedTokenCache(verifier, validator(properties, revoked), properties.jwksCacheTtl(),
				VERIFIED_TOKEN_CHARS, Clock.systemUTC());
	}

	/**
	 * Makes every failure to verify a token a bad token (401): an unknown {@code kid}
	 * after the rate-limited refetch, or keys that cannot be read at all, mean the token
	 * cannot be trusted.
	 * @param decoder the decoder
	 * @return the decoder reporting only {@link BadJwtException}s
	 */
	public static JwtDecoder strict(JwtDecoder decoder) {
		return (token) -> {
			try {
				return decoder.decode(token);
			}
			catch (BadJwtException ex) {
				throw ex;
			}
			catch (JwtException ex) {
				throw new BadJwtException("The token cannot be verified", ex);
			}
		};
	}

	static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties, RevokedTokens revoked) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setAllowEmptyExpiryClaim(false);
		validators.add(timestamps);
		validators.add(new JwtIssuerValidator(properties.issuer()));
		validators.add(new JwtAudienceValidator(properties.audience()));
		validators.add(new JwtClaimValidator<String>("jti", (jti) -> jti != null && !jti.isBlank()));
		if (revoked != null) {
			validators.add(revoked);
		}
		return new DelegatingOAuth2TokenValidator<>(validators);
	}

}
