package dev.corelake.auth.key;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/auth/keys} (ADMIN): lists the signing keys and rotates the active one.
 *
 * @author Corelake
 */
@RestController
@RequestMapping(path = "/api/v1/auth/keys", produces = MediaType.APPLICATION_JSON_VALUE)
class KeyController {

	private final SigningKeys keys;

	KeyController(SigningKeys keys) {
		this.keys = keys;
	}

	@GetMapping
	List<KeyView> list() {
		return this.keys.describe();
	}

	@PostMapping("/rotate")
	KeyView rotate() {
		return this.keys.rotate();
	}

}
