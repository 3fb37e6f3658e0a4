package dev.corelake.config.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secret values with AES-256-GCM: a fresh 96-bit nonce per value, a 128-bit tag,
 * and the value's place (namespace, profile, key) as associated data, so a ciphertext
 * copied to another key does not decrypt. Stored form: {@code v1:} + Base64(nonce ||
 * ciphertext || tag). Neither the key nor a plaintext ever appears in an exception
 * message.
 *
 * @author Corelake
 */
public final class SecretCipher {

	/** Prefix of every stored ciphertext; names the format version. */
	public static final String PREFIX = "v1:";

	static final int KEY_BYTES = 32;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey key;

	private final SecureRandom random = new SecureRandom();

	/**
	 * Creates a cipher for a raw key.
	 * @param key 32 bytes
	 */
	public SecretCipher(byte[] key) {
		if (key.length != KEY_BYTES) {
			throw new IllegalArgumentException("An AES-256 key has " + KEY_BYTES + " bytes");
		}
		this.key = new SecretKeySpec(key, "AES");
	}

	/**
	 * Encrypts a value.
	 * @param plaintext the value
	 * @param context where the value lives; needed again to decrypt it
	 * @return the stored form
	 */
	public String encrypt(String plaintext, String context) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			return PREFIX + Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Encrypting a secret value failed", ex);
		}
	}

	/**
	 * Decrypts a stored value.
	 * @param stored the stored form
	 * @param context where the value lives
	 * @return the value
	 * @throws IllegalStateException when it is not a ciphertext of this key and place
	 */
	public String decrypt(String stored, String context) {
		if (stored == null || !stored.startsWith(PREFIX)) {
			throw new IllegalStateException("A stored secret value is not in the " + PREFIX + " format");
		}
		try {
			byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
			if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
				throw new IllegalStateException("A stored secret value is truncated");
			}
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(bytes, NONCE_BYTES), context);
			byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
			return new String(plain, StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			// no cause: it could carry bytes of the value
			throw new IllegalStateException(
					"A stored secret value does not decrypt with the configured key (wrong key file?)");
		}
	}

	private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, this.key, new GCMParameterSpec(TAG_BITS, nonce));
		cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

}
