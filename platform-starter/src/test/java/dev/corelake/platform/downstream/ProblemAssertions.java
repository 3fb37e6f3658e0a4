package dev.corelake.platform.downstream;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.test.ProblemAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ProblemDetail;

/**
 * Renders a thrown {@link CorelakeException} the way it would leave the service, so the
 * contract's {@link ProblemAssert} kit can check it, and catches expected failures.
 */
final class ProblemAssertions {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemAssertions() {
	}

	/**
	 * Runs a call that must fail with the given type of exception.
	 * @param <T> the exception type
	 * @param type the exception type
	 * @param call the call
	 * @return the exception
	 */
	static <T extends Throwable> T thrownBy(Class<T> type, ThrowingCallable call) {
		Throwable thrown = Assertions.catchThrowable(call);
		Assertions.assertThat(thrown).as("the failure of the call").isInstanceOf(type);
		return type.cast(thrown);
	}

	static ProblemAssert assertThatProblemOf(CorelakeException ex) {
		ProblemDetail body = ex.getBody();
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("type", String.valueOf(body.getType()));
		json.put("title", body.getTitle());
		json.put("status", body.getStatus());
		json.put("detail", body.getDetail());
		json.putAll(ex.extensions());
		return ProblemAssert.assertThatProblem(ex.getStatusCode().value(), "application/problem+json",
				JSON.writeValueAsString(json));
	}

}
