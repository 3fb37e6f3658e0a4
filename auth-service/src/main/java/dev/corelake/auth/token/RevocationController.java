package dev.corelake.auth.token;

import jakarta.validation.constraints.Min;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/auth/revocations?since=}: the access tokens revoked since the last
 * poll, which every service and the gateway poll every few seconds so that a revoked
 * token stops working everywhere within 10 s. Public: it names only token ids.
 *
 * @author Corelake
 */
@RestController
class RevocationController {

	private final Revocations revocations;

	RevocationController(Revocations revocations) {
		this.revocations = revocations;
	}

	@GetMapping(path = "/api/v1/auth/revocations", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Revocations.Feed> feed(@RequestParam(defaultValue = "0") @Min(0) long since) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(this.revocations.feed(since));
	}

}
