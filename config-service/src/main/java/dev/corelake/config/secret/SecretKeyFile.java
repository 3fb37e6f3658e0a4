package dev.corelake.config.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Reads the secrets key from its file (Base64 of 32 bytes; in Kubernetes a mounted
 * Secret). When the file is absent a new key is generated with mode 0600, so the local
 * all-in-one mode needs no setup; in production ({@code prod} profile) a missing key
 * stops startup instead, because a fresh key would make every stored secret unreadable.
 *
 * @author Corelake
 */
public final class SecretKeyFile {

	private static final Log logger = LogFactory.getLog(SecretKeyFile.class);

	private SecretKeyFile() {
	}

	/**
	 * Loads the key, generating it when allowed.
	 * @param file the key file
	 * @param mayGenerate whether a missing file may be generated
	 * @return the key bytes
	 * @throws IllegalStateException when the file is missing and may not be generated, or
	 * does not hold a 32-byte key
	 */
	public static byte[] load(Path file, boolean mayGenerate) {
		try {
			if (!Files.exists(file)) {
				if (!mayGenerate) {
					throw new IllegalStateException("The secrets key file " + file
							+ " does not exist. In the prod profile it must be provided (a Kubernetes Secret"
							+ " mounted as a file, corelake.config.secrets.key-file); it is never generated.");
				}
				generate(file);
			}
			String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
			byte[] key;
			try {
				key = Base64.getDecoder().decode(text);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("The secrets key file " + file + " is not Base64");
			}
			if (key.length != SecretCipher.KEY_BYTES) {
				throw new IllegalStateException("The secrets key file " + file + " must hold " + SecretCipher.KEY_BYTES
						+ " bytes (Base64), not " + key.length);
			}
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the secrets key file " + file, ex);
		}
	}

	private static void generate(Path file) throws IOException {
		byte[] key = new byte[SecretCipher.KEY_BYTES];
		new SecureRandom().nextBytes(key);
		Path parent = file.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		try {
			if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
				Files.createFile(file,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			else {
				Files.createFile(file);
			}
		}
		catch (FileAlreadyExistsException ex) {
			// another process created it first: use theirs
			return;
		}
		Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
		logger.warn("Generated a new secrets key in " + file + "; keep it safe, stored secrets need it");
	}

}
