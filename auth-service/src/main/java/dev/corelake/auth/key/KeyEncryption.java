package dev.corelake.auth.key;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Encrypts private keys at rest with AES-256-GCM under a key-encryption key (KEK) read
 * from a file: 32 random bytes, Base64. Each ciphertext has its own random IV and is
 * bound to its key id as associated data, so a ciphertext cannot be swapped to another
 * row.
 * <p>
 * A missing file is generated (mode 0600) so that the local mode just works; in
 * production it must be supplied (a Kubernetes Secret mounted as a file), since a KEK
 * generated inside a container would be lost with it, and every stored key with it.
 *
 * @author Corelake
 */
final class KeyEncryption {

	private static final Log log = LogFactory.getLog(KeyEncryption.class);

	private static final int KEY_BYTES = 32;

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey key;

	private final SecureRandom random;

	private KeyEncryption(byte[] key, SecureRandom random) {
		this.key = new SecretKeySpec(key, "AES");
		this.random = random;
	}

	/**
	 * Reads the KEK, generating it first when it is absent and that is allowed.
	 * @param file the file
	 * @param generateWhenMissing whether a missing file may be generated
	 * @param random source of randomness
	 * @return the encryption
	 * @throws IllegalStateException when the file is missing (and may not be generated)
	 * or does not hold a 256-bit key
	 */
	static KeyEncryption load(Path file, boolean generateWhenMissing, SecureRandom random) {
		if (!Files.exists(file)) {
			if (!generateWhenMissing) {
				throw new IllegalStateException("The key-encryption key file " + file.toAbsolutePath()
						+ " does not exist. In the prod profile it must be supplied (mount it from a Kubernetes "
						+ "Secret and point corelake.auth.keys.encryption-key-file at it); it is never generated.");
			}
			generate(file, random);
		}
		byte[] key;
		try {
			key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the key-encryption key file " + file.toAbsolutePath(), ex);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(
					"The key-encryption key file " + file.toAbsolutePath() + " does not hold Base64 text.");
		}
		if (key.length != KEY_BYTES) {
			throw new IllegalStateException("The key-encryption key file " + file.toAbsolutePath()
					+ " must hold exactly 32 bytes (Base64), e.g. from 'openssl rand -base64 32'.");
		}
		return new KeyEncryption(key, random);
	}

	private static void generate(Path file, SecureRandom random) {
		byte[] key = new byte[KEY_BYTES];
		random.nextBytes(key);
		byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			if (parent != null && Files.getFileStore(parent).supportsFileAttributeView("posix")) {
				Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
				Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
			}
			else {
				Files.createFile(file);
			}
			Files.write(file, text, StandardOpenOption.TRUNCATE_EXISTING);
			log.info("Generated a new key-encryption key in " + file.toAbsolutePath()
					+ "; back it up with the database, which cannot be read without it.");
		}
		catch (FileAlreadyExistsException ex) {
			// Another instance generated it first: use theirs
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the key-encryption key file " + file.toAbsolutePath(), ex);
		}
	}

	/**
	 * Encrypts private key material.
	 * @param kid the key id, bound to the ciphertext
	 * @param plain the material
	 * @return Base64 of IV and ciphertext
	 */
	String encrypt(String kid, byte[] plain) {
		byte[] iv = new byte[IV_BYTES];
		this.random.nextBytes(iv);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, kid, iv);
			byte[] sealed = cipher.doFinal(plain);
			byte[] out = new byte[IV_BYTES + sealed.length];
			System.arraycopy(iv, 0, out, 0, IV_BYTES);
			System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
			return Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encrypt signing key " + kid, ex);
		}
	}

	/**
	 * Decrypts private key material.
	 * @param kid the key id it was encrypted for
	 * @param sealed what {@link #encrypt} returned
	 * @return the material
	 * @throws IllegalStateException when it was encrypted under another KEK, for another
	 * key id, or was tampered with
	 */
	byte[] decrypt(String kid, String sealed) {
		try {
			byte[] in = Base64.getDecoder().decode(sealed);
			if (in.length <= IV_BYTES) {
				throw new IllegalStateException("Signing key " + kid + " is stored truncated.");
			}
			byte[] iv = new byte[IV_BYTES];
			System.arraycopy(in, 0, iv, 0, IV_BYTES);
			return cipher(Cipher.DECRYPT_MODE, kid, iv).doFinal(in, IV_BYTES, in.length - IV_BYTES);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("Signing key " + kid + " cannot be decrypted with the configured "
					+ "key-encryption key: was the key file replaced, or the key row altered?", ex);
		}
	}

	private Cipher cipher(int mode, String kid, byte[] iv) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, this.key, new GCMParameterSpec(TAG_BITS, iv));
		cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

}
