package dev.corelake.auth.key;

import java.time.Instant;

/**
 * A signing key as stored: the public key in the clear, the private key encrypted.
 *
 * @param kid key id
 * @param algorithm JWS algorithm
 * @param publicKey X.509 SubjectPublicKeyInfo, Base64
 * @param privateKey PKCS#8 private key, encrypted by {@link KeyEncryption}
 * @param createdAt when it was created (and became active)
 * @param retiredAt when another key replaced it, or {@code null} while active
 * @author Corelake
 */
record StoredKey(String kid, String algorithm, String publicKey, String privateKey, Instant createdAt,
		Instant retiredAt) {

	@Override
	public String toString() {
		// Never print key material, not even encrypted
		return "StoredKey[kid=" + this.kid + ", createdAt=" + this.createdAt + ", retiredAt=" + this.retiredAt + "]";
	}

}
