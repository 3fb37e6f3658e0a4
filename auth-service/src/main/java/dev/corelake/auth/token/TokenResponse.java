package dev.corelake.auth.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A successful token response (RFC 6749 section 5.1).
 *
 * @param accessToken the access token
 * @param tokenType always {@code Bearer}
 * @param expiresIn the access token's lifetime in seconds
 * @param refreshToken the refresh token; users only
 * @param scope the granted scopes; API clients only (users' tokens carry roles)
 * @author Corelake
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
		@JsonProperty("expires_in") long expiresIn, @JsonProperty("refresh_token") String refreshToken,
		@JsonProperty("scope") String scope) {

	@Override
	public String toString() {
		return "TokenResponse[" + this.tokenType + ", expiresIn=" + this.expiresIn + "]";
	}

}
