package dev.corelake.config.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * AES-256-GCM encryption of secret values and the key file they depend on.
 *
 * @author Corelake
 */
class SecretCipherTests {

	private static final String VALUE = "correct horse battery staple";

	@TempDir
	Path directory;

	@Test
	void encryptThenDecryptRoundTripsAndNeverRepeatsACiphertext() {
		SecretCipher cipher = new SecretCipher(new byte[32]);
		String first = cipher.encrypt(VALUE, "app/default/db.password");
		String second = cipher.encrypt(VALUE, "app/default/db.password");
		assertThat(first).startsWith(SecretCipher.PREFIX).doesNotContain(VALUE).isNotEqualTo(second);
		assertThat(cipher.decrypt(first, "app/default/db.password")).isEqualTo(VALUE);
		assertThat(cipher.decrypt(cipher.encrypt("", "x"), "x")).isEmpty();
	}

	@Test
	void decryptWhenMovedTamperedOrWrongKeyThenFailsWithoutShowingTheValue() {
		SecretCipher cipher = new SecretCipher(new byte[32]);
		String stored = cipher.encrypt(VALUE, "app/default/a");
		byte[] bytes = Base64.getDecoder().decode(stored.substring(3));
		bytes[bytes.length - 1] ^= 1;
		String tampered = SecretCipher.PREFIX + Base64.getEncoder().encodeToString(bytes);
		byte[] otherKey = new byte[32];
		otherKey[0] = 1;
		assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt(stored, "app/default/b"))
			.withMessageNotContaining(VALUE);
		assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt(tampered, "app/default/a"));
		assertThatIllegalStateException().isThrownBy(() -> new SecretCipher(otherKey).decrypt(stored, "app/default/a"));
		assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt("plain", "app/default/a"));
		assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt("v1:AAAA", "app/default/a"));
		assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt("v1:!!", "app/default/a"));
	}

	@Test
	void keyFileWhenAbsentThenGeneratedOwnerOnlyAndStable() throws IOException {
		Path file = this.directory.resolve("nested/secrets.key");
		byte[] key = SecretKeyFile.load(file, true);
		assertThat(key).hasSize(32);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(SecretKeyFile.load(file, true)).isEqualTo(key);
	}

	@Test
	void keyFileWhenAbsentInProductionThenStartupFails() {
		Path file = this.directory.resolve("missing.key");
		assertThatIllegalStateException().isThrownBy(() -> SecretKeyFile.load(file, false))
			.withMessageContaining("prod");
		assertThat(file).doesNotExist();
	}

	@Test
	void keyFileWhenNotA32ByteBase64KeyThenStartupFails() throws IOException {
		Path notBase64 = Files.writeString(this.directory.resolve("a.key"), "not base64 at all!",
				StandardCharsets.US_ASCII);
		Path tooShort = Files.writeString(this.directory.resolve("b.key"),
				Base64.getEncoder().encodeToString(new byte[16]), StandardCharsets.US_ASCII);
		assertThatIllegalStateException().isThrownBy(() -> SecretKeyFile.load(notBase64, true))
			.withMessageContaining("Base64");
		assertThatIllegalStateException().isThrownBy(() -> SecretKeyFile.load(tooShort, true))
			.withMessageContaining("32 bytes");
	}

}
