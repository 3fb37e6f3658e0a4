package dev.corelake.auth.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.corelake.auth.client.ApiClient;
import dev.corelake.auth.client.ApiClientService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OAuth2 endpoints: {@code POST /api/v1/auth/token} (RFC 6749),
 * {@code POST /api/v1/auth/revoke} (RFC 7009) and {@code POST /api/v1/auth/logout}.
 *
 * @author Corelake
 */
@RestController
class TokenController {

	private final TokenService tokens;

	private final ApiClientService clients;

	private final Revocations revocations;

	private final JwtDecoder decoder;

	TokenController(TokenService tokens, ApiClientService clients, Revocations revocations, JwtDecoder decoder) {
		this.tokens = tokens;
		this.clients = clients;
		this.revocations = revocations;
		this.decoder = decoder;
	}

	@PostMapping(path = "/api/v1/auth/token", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<TokenResponse> token(HttpServletRequest request) {
		TokenRequest parameters = TokenRequest.read(request);
		String grantType = parameters.require("grant_type");
		TokenResponse response = switch (grantType) {
			case "password" -> {
				refuseClient(parameters);
				yield this.tokens.password(parameters.require("username"), parameters.require("password"),
						parameters.optional("scope"), request.getRemoteAddr());
			}
			case "refresh_token" -> {
				refuseClient(parameters);
				yield this.tokens.refresh(parameters.require("refresh_token"), parameters.optional("scope"));
			}
			case "client_credentials" -> {
				if (parameters.credentials() == null) {
					throw OAuthException.invalidClient("The client_credentials grant needs client authentication.",
							false);
				}
				yield this.tokens.clientCredentials(authenticate(parameters.credentials()),
						parameters.optional("scope"));
			}
			default -> throw OAuthException
				.unsupportedGrantType("Supported grant types: password, refresh_token, client_credentials.");
		};
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.PRAGMA, "no-cache")
			.body(response);
	}

	/**
	 * Revokes a refresh token (with its family) or an access token. Unknown, invalid and
	 * already revoked tokens are answered 200 too, as RFC 7009 requires.
	 * @param request the request
	 * @return 200
	 */
	@PostMapping("/api/v1/auth/revoke")
	ResponseEntity<Void> revoke(HttpServletRequest request) {
		TokenRequest parameters = TokenRequest.read(request);
		if (parameters.credentials() != null) {
			authenticate(parameters.credentials());
		}
		String token = parameters.require("token");
		boolean accessFirst = "access_token".equals(parameters.optional("token_type_hint"));
		if (accessFirst) {
			if (!revokeAccessToken(token)) {
				this.revocations.revokeRefreshToken(token);
			}
		}
		else if (!this.revocations.revokeRefreshToken(token)) {
			revokeAccessToken(token);
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).build();
	}

	@PostMapping(path = "/api/v1/auth/logout", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> logout(@AuthenticationPrincipal Jwt token, @Valid @RequestBody LogoutRequest request) {
		return logout(token, request.refreshToken());
	}

	@PostMapping("/api/v1/auth/logout")
	ResponseEntity<Void> logout(@AuthenticationPrincipal Jwt token, HttpServletRequest request) {
		String refreshToken = null;
		if (request.getContentType() != null) {
			refreshToken = TokenRequest.read(request).optional("refresh_token");
		}
		return logout(token, refreshToken);
	}

	private ResponseEntity<Void> logout(Jwt token, String refreshToken) {
		this.revocations.revokeAccessToken(token.getId(), token.getExpiresAt());
		if (refreshToken != null) {
			this.revocations.revokeRefreshToken(refreshToken);
		}
		return ResponseEntity.noContent().build();
	}

	private boolean revokeAccessToken(String token) {
		Jwt jwt;
		try {
			jwt = this.decoder.decode(token);
		}
		catch (JwtException ex) {
			// Forged, expired, already revoked or not a JWT: nothing to revoke
			return false;
		}
		this.revocations.revokeAccessToken(jwt.getId(), jwt.getExpiresAt());
		return true;
	}

	private ApiClient authenticate(TokenRequest.ClientCredentials credentials) {
		return this.clients.authenticate(credentials.clientId(), credentials.secret())
			.orElseThrow(() -> OAuthException.invalidClient("Client authentication failed.", credentials.basic()));
	}

	private void refuseClient(TokenRequest parameters) {
		if (parameters.credentials() != null) {
			authenticate(parameters.credentials());
			throw OAuthException.unauthorizedClient("API clients may only use the client_credentials grant.");
		}
	}

	/**
	 * A logout with the session's refresh token, whose family is revoked too.
	 *
	 * @param refreshToken the refresh token, optional
	 */
	record LogoutRequest(@JsonProperty("refresh_token") @Size(max = 512) String refreshToken) {

		@Override
		public String toString() {
			return "LogoutRequest[***]";
		}

	}

}
