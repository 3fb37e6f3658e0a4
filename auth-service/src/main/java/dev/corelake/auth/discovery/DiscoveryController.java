package dev.corelake.auth.discovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.corelake.auth.system.AuthProperties;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /.well-known/openid-configuration}: where the issuer's keys and endpoints
 * are, so that any OAuth2 resource server can be pointed at the issuer alone. URLs are
 * built from {@code corelake.auth.public-url} (default: the issuer).
 *
 * @author Corelake
 */
@RestController
class DiscoveryController {

	private final AuthProperties properties;

	DiscoveryController(AuthProperties properties) {
		this.properties = properties;
	}

	@GetMapping(path = "/.well-known/openid-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> configuration() {
		String base = this.properties.baseUrl();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("issuer", this.properties.issuer());
		body.put("jwks_uri", base + "/.well-known/jwks.json");
		body.put("token_endpoint", base + "/api/v1/auth/token");
		body.put("revocation_endpoint", base + "/api/v1/auth/revoke");
		body.put("revocation_feed_endpoint", base + "/api/v1/auth/revocations");
		body.put("grant_types_supported", List.of("password", "refresh_token", "client_credentials"));
		// No authorization endpoint: no browser redirect flows
		body.put("response_types_supported", List.of());
		body.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
		body.put("revocation_endpoint_auth_methods_supported",
				List.of("none", "client_secret_basic", "client_secret_post"));
		body.put("subject_types_supported", List.of("public"));
		body.put("id_token_signing_alg_values_supported", List.of("RS256"));
		body.put("claims_supported",
				List.of("iss", "aud", "sub", "iat", "nbf", "exp", "jti", "roles", "scope", "client_id"));
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(JwksController.MAX_AGE).cachePublic()).body(body);
	}

}
