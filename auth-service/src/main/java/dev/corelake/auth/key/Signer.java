package dev.corelake.auth.key;

import java.security.PrivateKey;

/**
 * The active signing key: what tokens are signed with right now.
 *
 * @param kid its key id, put in every token's header
 * @param privateKey the private key; never leaves the process
 * @author Corelake
 */
public record Signer(String kid, PrivateKey privateKey) {

	@Override
	public String toString() {
		return "Signer[kid=" + this.kid + "]";
	}

}
