package dev.corelake.auth.key;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Encryption of private keys at rest, and the rules for the key-encryption key file.
 *
 * @author Corelake
 */
class KeyEncryptionTests {

	private final SecureRandom random = new SecureRandom();

	@TempDir
	Path dir;

	@Test
	void loadWhenFileIsMissingAndAllowedThenGeneratesAnOwnerOnlyKeyAndReusesIt() throws Exception {
		Path file = this.dir.resolve("nested/kek");
		KeyEncryption first = KeyEncryption.load(file, true, this.random);
		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		String sealed = first.encrypt("kid-1", "secret material".getBytes(StandardCharsets.UTF_8));
		KeyEncryption second = KeyEncryption.load(file, true, this.random);
		assertThat(new String(second.decrypt("kid-1", sealed), StandardCharsets.UTF_8)).isEqualTo("secret material");
	}

	@Test
	void encryptWhenSameInputTwiceThenDifferentCiphertextsThatHideThePlaintext() {
		KeyEncryption encryption = KeyEncryption.load(this.dir.resolve("kek"), true, this.random);
		byte[] plain = "the same private key".getBytes(StandardCharsets.UTF_8);
		String one = encryption.encrypt("kid", plain);
		String two = encryption.encrypt("kid", plain);
		assertThat(one).isNotEqualTo(two);
		assertThat(new String(Base64.getDecoder().decode(one), StandardCharsets.ISO_8859_1))
			.doesNotContain("private key");
	}

	@Test
	void decryptWhenKidOrCiphertextOrKeyDifferThenRefused() throws Exception {
		KeyEncryption encryption = KeyEncryption.load(this.dir.resolve("kek"), true, this.random);
		String sealed = encryption.encrypt("kid-a", new byte[] { 1, 2, 3 });
		assertThatIllegalStateException().isThrownBy(() -> encryption.decrypt("kid-b", sealed))
			.withMessageContaining("cannot be decrypted");
		byte[] tampered = Base64.getDecoder().decode(sealed);
		tampered[tampered.length - 1] ^= 1;
		assertThatIllegalStateException()
			.isThrownBy(() -> encryption.decrypt("kid-a", Base64.getEncoder().encodeToString(tampered)));
		assertThatIllegalStateException().isThrownBy(() -> encryption.decrypt("kid-a", "AAAA"));
		assertThatIllegalStateException().isThrownBy(() -> encryption.decrypt("kid-a", "not base64!"));
		KeyEncryption other = KeyEncryption.load(this.dir.resolve("other"), true, this.random);
		assertThatIllegalStateException().isThrownBy(() -> other.decrypt("kid-a", sealed))
			.withMessageContaining("key file replaced");
	}

	@Test
	void loadWhenFileIsMissingAndGenerationIsNotAllowedThenFailsWithoutCreatingIt() {
		Path file = this.dir.resolve("kek");
		assertThatIllegalStateException().isThrownBy(() -> KeyEncryption.load(file, false, this.random))
			.withMessageContaining("does not exist")
			.withMessageContaining("Kubernetes Secret");
		assertThat(file).doesNotExist();
	}

	@Test
	void loadWhenFileDoesNotHoldA256BitKeyThenFails() throws Exception {
		Path shortKey = Files.writeString(this.dir.resolve("short"), Base64.getEncoder().encodeToString(new byte[16]));
		assertThatIllegalStateException().isThrownBy(() -> KeyEncryption.load(shortKey, true, this.random))
			.withMessageContaining("exactly 32 bytes");
		Path text = Files.writeString(this.dir.resolve("text"), "this is not base64 at all!");
		assertThatIllegalStateException().isThrownBy(() -> KeyEncryption.load(text, true, this.random))
			.withMessageContaining("Base64");
	}

}
