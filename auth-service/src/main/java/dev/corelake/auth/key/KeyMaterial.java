package dev.corelake.auth.key;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * Makes and reads RSA key material: generates key pairs (the private half encrypted at
 * once), decrypts private keys, and turns public keys into JWKs. Plain private key bytes
 * live only briefly in memory and are wiped after use.
 *
 * @author Corelake
 */
final class KeyMaterial {

	static final String ALGORITHM = "RS256";

	private static final int KEY_SIZE = 2048;

	private final KeyEncryption encryption;

	private final SecureRandom random;

	KeyMaterial(KeyEncryption encryption, SecureRandom random) {
		this.encryption = encryption;
		this.random = random;
	}

	/**
	 * Generates a key pair with a new random key id.
	 * @param now its creation time
	 * @return the key, ready to store
	 */
	StoredKey generate(Instant now) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(KEY_SIZE, this.random);
			KeyPair pair = generator.generateKeyPair();
			String kid = UUID.randomUUID().toString();
			byte[] pkcs8 = pair.getPrivate().getEncoded();
			try {
				return new StoredKey(kid, ALGORITHM, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
						this.encryption.encrypt(kid, pkcs8), now, null);
			}
			finally {
				Arrays.fill(pkcs8, (byte) 0);
			}
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate an RSA key pair", ex);
		}
	}

	/**
	 * Decrypts a stored private key.
	 * @param key the stored key
	 * @return the private key
	 */
	PrivateKey privateKey(StoredKey key) {
		byte[] pkcs8 = this.encryption.decrypt(key.kid(), key.privateKey());
		try {
			return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Signing key " + key.kid() + " is not a valid RSA private key", ex);
		}
		finally {
			Arrays.fill(pkcs8, (byte) 0);
		}
	}

	/**
	 * The public JWK of a stored key.
	 * @param key the stored key
	 * @return its JWK: public members only
	 */
	static RSAKey publicJwk(StoredKey key) {
		try {
			RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKey())));
			return new RSAKey.Builder(publicKey).keyID(key.kid())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.parse(key.algorithm()))
				.build();
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("Signing key " + key.kid() + " has an unreadable public key", ex);
		}
	}

}
