package dev.corelake.gateway.edge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which raw paths the gateway lets in.
 *
 * @author Corelake
 */
class PathGuardFilterTests {

	@ParameterizedTest
	@ValueSource(strings = { "/", "/api/v1/datasets", "/api/v1/datasets/", "/api/v1/datasets/sales_orders/versions/3",
			"/api/v1/datasets/a%20b", "/api/v1/datasets/caf%C3%A9", "/.well-known/jwks.json", "/api/v1/x..y" })
	void canonicalPathWhenCheckedThenAccepted(String path) {
		assertThat(PathGuardFilter.check(path)).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			value = { "api/v1|must start with '/'", "/a/../b|'..' segment", "/a/./b|'.' segment", "/a/..|'..' segment",
					"/a//b|empty segment", "/a\\b|backslash", "/a;b=c|matrix parameter", "/a%2fb|encoded slash",
					"/a%2Fb|encoded slash", "/a%5cb|encoded backslash", "/a%2e%2e/b|encoded dot",
					"/a%252e|encoded twice", "/a%3bb|encoded ';'", "/a%00|encoded control", "/a%0d%0a|encoded control",
					"/a%7f|encoded control", "/a%zz|invalid percent-encoding", "/a%2|invalid percent-encoding",
					"/a%|invalid percent-encoding", "/a b|control, space or non-ASCII",
					"/caf\u00e9|control, space or non-ASCII" })
	void ambiguousPathWhenCheckedThenRejectedWithTheReason(String path, String reason) {
		assertThat(PathGuardFilter.check(path)).contains(reason);
	}

	@Test
	void missingPathWhenCheckedThenRejected() {
		assertThat(PathGuardFilter.check(null)).isNotNull();
		assertThat(PathGuardFilter.check("")).contains("must start with '/'");
	}

}
