package dev.corelake.platform.web;

import dev.corelake.errors.CorelakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Conditional requests: strong ETags, a required or optional {@code If-Match}.
 *
 * @author Corelake
 */
class PreconditionsTests {

	@Test
	void etagIsTheQuotedRevision() {
		assertThat(Preconditions.etag(7)).isEqualTo("\"7\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"3\"", "\"1\", \"3\"", "*", " \"3\" " })
	void currentRevisionMatches(String ifMatch) {
		assertThatNoException().isThrownBy(() -> Preconditions.requireMatch(ifMatch, 3));
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"2\"", "W/\"3\"", "\"1\", \"2\"" })
	void staleOrWeakTagIsPreconditionFailed(String ifMatch) {
		CorelakeException failure = catchThrowableOfType(CorelakeException.class,
				() -> Preconditions.requireMatch(ifMatch, 3));
		assertThat(failure.getStatusCode().value()).isEqualTo(412);
		assertThat(failure.getErrorCode().code()).isEqualTo("PRECONDITION_FAILED");
		assertThat(failure.extensions()).containsEntry("currentEtag", "\"3\"");
	}

	@Test
	void missingIfMatchOnARequiredCheckIsPreconditionRequired() {
		CorelakeException failure = catchThrowableOfType(CorelakeException.class,
				() -> Preconditions.requireMatch(null, 3));
		assertThat(failure.getStatusCode().value()).isEqualTo(428);
		assertThatNoException().isThrownBy(() -> Preconditions.checkMatch(null, 3));
	}

	@ParameterizedTest
	@ValueSource(strings = { "3", "\"3", "W/", "\"" })
	void unquotedTagIsInvalidParameter(String ifMatch) {
		CorelakeException failure = catchThrowableOfType(CorelakeException.class,
				() -> Preconditions.checkMatch(ifMatch, 3));
		assertThat(failure.getStatusCode().value()).isEqualTo(400);
		assertThat(failure.getErrorCode().code()).isEqualTo("INVALID_PARAMETER");
	}

}
