package dev.corelake.auth.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random secrets and their one-way hashes. Generated secrets carry 256 random bits, so a
 * plain SHA-256 hash is enough to store them: unlike passwords they cannot be guessed,
 * and a slow hash would only slow every token request down.
 *
 * @author Corelake
 */
public final class Secrets {

	private Secrets() {
	}

	/**
	 * A new secret of 256 random bits, Base64url without padding (43 characters).
	 * @param random the source of randomness
	 * @return the secret
	 */
	public static String generate(SecureRandom random) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * The SHA-256 of a secret, in lower-case hex.
	 * @param secret the secret
	 * @return the hash
	 */
	public static String sha256(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * Whether a secret matches a stored hash, in time independent of where they differ.
	 * @param secret the presented secret
	 * @param hash the stored hash
	 * @return {@code true} when they match
	 */
	public static boolean matches(String secret, String hash) {
		return MessageDigest.isEqual(sha256(secret).getBytes(StandardCharsets.US_ASCII),
				hash.getBytes(StandardCharsets.US_ASCII));
	}

}
