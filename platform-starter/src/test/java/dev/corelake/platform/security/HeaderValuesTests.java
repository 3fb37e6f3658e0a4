package dev.corelake.platform.security;

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
	}

}
