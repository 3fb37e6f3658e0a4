package dev.corelake.auth.security;

import dev.corelake.auth.token.Revocations;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses tokens without a {@code jti} and tokens on the denylist.
 *
 * @author Corelake
 */
class RevokedTokenValidator implements OAuth2TokenValidator<Jwt> {

	private static final OAuth2Error MISSING_ID = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The token has no jti", null);

	private static final OAuth2Error REVOKED = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
			"The token has been revoked", null);

	private final Revocations revocations;

	RevokedTokenValidator(Revocations revocations) {
		this.revocations = revocations;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		String jti = token.getId();
		if (jti == null || jti.isBlank()) {
			return OAuth2TokenValidatorResult.failure(MISSING_ID);
		}
		return this.revocations.isRevoked(jti) ? OAuth2TokenValidatorResult.failure(REVOKED)
				: OAuth2TokenValidatorResult.success();
	}

}
