package dev.corelake.auth.key;

import java.time.Instant;

/**
 * A signing key as the admin API shows it: never any key material.
 *
 * @param kid key id
 * @param algorithm JWS algorithm
 * @param active whether new tokens are signed with it
 * @param createdAt when it was created
 * @param retiredAt when it was retired, or {@code null}
 * @param publishedUntil when it leaves the JWKS (every token it signed has expired by
 * then), or {@code null} while it is not retired
 * @author Corelake
 */
record KeyView(String kid, String algorithm, boolean active, Instant createdAt, Instant retiredAt,
		Instant publishedUntil) {

}
