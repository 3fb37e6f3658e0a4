package dev.corelake.platform.security;

import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The firewall's header rule: the fast path must agree with Spring Security's expression.
 *
 * @author Corelake
 */
class HeaderValuesTests {

	private final HeaderValues values = new HeaderValues();

	@ParameterizedTest
	@ValueSource(strings = { "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln", "text/html; q=0.9", "a\tb", "",
			"Grüße", "名前", "emoji 😀" })
	void printableValuesPass(String value) {
		assertThat(this.values.test(value)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\nb", "a\rb", "nul\u0000", "bell\u0007", "del\u007f", "c1\u0085x", "unassigned\u0378",
			"Grüße\u0001" })
	void controlOrUnassignedCharactersAreRefused(String value) {
		assertThat(this.values.test(value)).isFalse();
		assertThat(HeaderValues.names().test(value)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "X-Request-Id", "authorization", "Sec-Fetch-Mode", "x_custom.1", "Grüße-Header" })
	void printableNamesPass(String name) {
		assertThat(HeaderValues.names().test(name)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "X-Tab\tName", "Grüße\tName", "X-New\nLine" })
	void aTabIsAllowedInValuesButNotInNames(String name) {
		assertThat(HeaderValues.names().test(name)).isFalse();
		assertThat(this.values.test(name)).isEqualTo(!name.contains("\n"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "plain", "a\tb", "Grüße\tx", "a\u0000b", "x\u0378", "\u00a0nbsp", "\u0085nel" })
	void valuesAgreeWithSpringSecuritysExpression(String value) {
		boolean expected = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*").matcher(value).matches();
		assertThat(this.values.test(value)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "plain", "a\tb", "Grüße", "a\u0000b", "x\u0378", "\u00a0nbsp", "\u0085nel", "名\t前" })
	void namesAgreeWithSpringSecuritysExpression(String name) {
		boolean expected = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*").matcher(name).matches();
		assertThat(HeaderValues.names().test(name)).isEqualTo(expected);
	}

}
