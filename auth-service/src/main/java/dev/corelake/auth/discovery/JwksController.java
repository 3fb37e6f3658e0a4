package dev.corelake.auth.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.corelake.auth.key.SigningKeys;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /.well-known/jwks.json}: the public keys that verify Corelake's tokens — the
 * active key and retired keys whose tokens may still be valid. Only public members
 * ({@code kty}, {@code kid}, {@code use}, {@code alg}, {@code n}, {@code e}) are ever
 * written.
 *
 * @author Corelake
 */
@RestController
class JwksController {

	static final Duration MAX_AGE = Duration.ofMinutes(5);

	private final SigningKeys keys;

	JwksController(SigningKeys keys) {
		this.keys = keys;
	}

	@GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> jwks() {
		List<JWK> published = List.copyOf(this.keys.published());
		// toPublicJWKSet drops any private member, whatever the key objects hold
		Map<String, Object> body = new JWKSet(published).toPublicJWKSet().toJSONObject(true);
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(MAX_AGE).cachePublic()).body(body);
	}

}
