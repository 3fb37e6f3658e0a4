package dev.corelake.auth.user;

import java.util.List;

import dev.corelake.errors.FieldViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The password policy's rules, one by one.
 *
 * @author Corelake
 */
class PasswordPolicyTests {

	private final PasswordPolicy policy = new PasswordPolicy();

	@Test
	void checkWhenPasswordIsLongVariedAndUncommonThenAccepted() {
		assertThat(this.policy.check("password", "alice", "Correct-Horse-Battery-9")).isEmpty();
		assertThat(this.policy.check("password", "alice", "çava-très-bien-ÇA")).isEmpty();
		assertThat(this.policy.check("password", "alice", "a1b2c3d4e5f6")).as("exactly 12 characters").isEmpty();
	}

	@Test
	void checkWhenTooShortOrTooLongThenNamesTheLengthRule() {
		assertThat(messages("Abc-1234567")).containsExactly("must have at least 12 characters");
		assertThat(messages("x".repeat(64) + "Abc-12345")).containsExactly("must be at most 72 bytes in UTF-8");
		assertThat(messages("Abcd-1234-".repeat(13))).contains("must have at most 128 characters");
		assertThat(messages("日本語のパスワードです長い")).as("13 characters, 39 bytes").isEmpty();
		assertThat(messages("日本語のパスワードです長い".repeat(2))).as("26 characters, 78 bytes")
			.contains("must be at most 72 bytes in UTF-8");
	}

	@Test
	void checkWhenCommonOrTheUsernameOrMonotonousThenRefused() {
		assertThat(messages("password1234")).containsExactly("is too common");
		assertThat(messages("PASSWORD1234")).as("case does not help").containsExactly("is too common");
		assertThat(messages("123456789012")).contains("is too common");
		assertThat(messages("qwertyuiop123")).contains("is too common");
		assertThat(this.policy.check("password", "alice.wonderland", "Alice.Wonderland"))
			.extracting(FieldViolation::message)
			.containsExactly("must not be the username");
		assertThat(messages("zzzzyyyyzzzzyyyy")).containsExactly("must have at least 5 different characters");
		assertThat(this.policy.check("newPassword", "bob", null))
			.containsExactly(new FieldViolation("newPassword", "must not be null"));
	}

	@Test
	void commonPasswordListWhenLoadedThenHoldsTheBundledThousand() {
		assertThat(this.policy.commonPasswordCount()).isEqualTo(1000);
		assertThat(PasswordPolicy.fitsBcrypt("x".repeat(72))).isTrue();
		assertThat(PasswordPolicy.fitsBcrypt("x".repeat(73))).isFalse();
		assertThat(PasswordPolicy.fitsBcrypt("é".repeat(37))).isFalse();
	}

	private List<String> messages(String password) {
		return this.policy.check("password", "someone", password).stream().map(FieldViolation::message).toList();
	}

}
