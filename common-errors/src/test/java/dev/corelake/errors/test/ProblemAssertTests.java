package dev.corelake.errors.test;

import org.junit.jupiter.api.Test;

import static dev.corelake.errors.test.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link ProblemAssert}: the conformance kit must reject every answer that
 * breaks the contract, or the services' tests that rely on it prove nothing.
 *
 * @author Corelake
 */
class ProblemAssertTests {

	private static final String PROBLEM_JSON = "application/problem+json";

	private static final String GOOD = """
			{
			  "type": "https://corelake.dev/docs/errors#conflict",
			  "title": "Conflict",
			  "status": 409,
			  "detail": "Thing 7 is locked.",
			  "instance": "/things/7",
			  "code": "CONFLICT",
			  "retryable": false,
			  "service": "test-service",
			  "traceId": "4bf92f3577b34da6a3ce929d0e0e4736",
			  "errors": [ { "field": "name", "message": "must not be blank" } ],
			  "upstream": { "service": "catalog-service", "upstream": { "service": "storage-service" } }
			}
			""";

	@Test
	void isConformantWhenProblemGoodThenPasses() {
		assertThatNoException().isThrownBy(() -> assertThatProblem(409, PROBLEM_JSON, GOOD).isConformant()
			.hasStatus(409)
			.hasCode("CONFLICT")
			.hasRetryable(false)
			.hasFieldError("name")
			.hasUpstreamService("catalog-service")
			.hasUpstreamService("storage-service")
			.hasDetailContaining("locked"));
	}

	@Test
	void isConformantWhenContentTypeHasCharsetThenPasses() {
		assertThatNoException()
			.isThrownBy(() -> assertThatProblem(409, PROBLEM_JSON + ";charset=UTF-8", GOOD).isConformant());
	}

	@Test
	void isConformantWhenContentTypeNotProblemThenFails() {
		assertThatThrownBy(() -> assertThatProblem(409, "application/json", GOOD).isConformant())
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("application/problem+json");
	}

	@Test
	void isConformantWhenContentTypeMissingThenFails() {
		assertThatThrownBy(() -> assertThatProblem(409, null, GOOD).isConformant()).isInstanceOf(AssertionError.class);
	}

	@Test
	void isConformantWhenMemberMissingThenFails() {
		String withoutService = GOOD.replace("\"service\": \"test-service\",", "");
		assertThatThrownBy(() -> assertThatProblem(409, PROBLEM_JSON, withoutService).isConformant())
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("<service>");
	}

	@Test
	void isConformantWhenDetailMissingThenFails() {
		String withoutDetail = GOOD.replace("\"detail\": \"Thing 7 is locked.\",", "");
		assertThatThrownBy(() -> assertThatProblem(409, PROBLEM_JSON, withoutDetail).isConformant())
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("<detail>");
	}

	@Test
	void isConformantWhenBodyStatusDiffersFromHttpStatusThenFails() {
		assertThatThrownBy(() -> assertThatProblem(400, PROBLEM_JSON, GOOD).isConformant())
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("HTTP status <400>");
	}

	@Test
	void hasStatusWhenStatusDiffersThenFails() {
		assertThatThrownBy(() -> assertThatProblem(409, PROBLEM_JSON, GOOD).hasStatus(404))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("<404>");
	}

	@Test
	void hasCodeWhenCodeDiffersThenFails() {
		assertThatThrownBy(() -> assertThatProblem(409, PROBLEM_JSON, GOOD).hasCode("NOT_FOUND"))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("NOT_FOUND");
	}

	@Test
	void isConformantWhenCodeNotCataloguedThenFails() {
		String uncatalogued = GOOD.replace("\"code\": \"CONFLICT\"", "\"code\": \"THING_LOCKED\"");
		assertThatThrownBy(() -> assertThatProblem(409, PROBLEM_JSON, uncatalogued).isConformant())
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("THING_LOCKED")
			.hasMessageContaining("not in the error catalog");
	}

	@Test
	void isConformantWhenCodeNotUpperSnakeThenFails() {
		String lowerCase = GOOD.replace("\"code\": \"CONFLICT\"", "\"code\": \"conflict\"");
		assertThatThrownBy(() -> assertThatProblem(409, PROBLEM_JSON, lowerCase).isConformant())
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("UPPER_SNAKE");
	}

	@Test
	void isConformantWhenRetryableNotBooleanThenFails() {
		String textual = GOOD.replace("\"retryable\": false", "\"retryable\": \"no\"");
		assertThatThrownBy(() -> assertThatProblem(409, PROBLEM_JSON, textual).isConformant())
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("retryable");
	}

	@Test
	void isConformantWhenBodyNamesExceptionClassThenFails() {
		String leaky = GOOD.replace("Thing 7 is locked.", "java.lang.IllegalStateException: lock held");
		assertThatThrownBy(() -> assertThatProblem(409, PROBLEM_JSON, leaky).isConformant())
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("implementation details");
	}

	@Test
	void isConformantWhenBodyHoldsStackFrameThenFails() {
		String leaky = GOOD.replace("Thing 7 is locked.", "failed at com.example.Foo.bar(Foo.java:42)");
		assertThatThrownBy(() -> assertThatProblem(409, PROBLEM_JSON, leaky).isConformant())
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("implementation details");
	}

	@Test
	void isConformantWhenBodyNotJsonThenFails() {
		assertThatThrownBy(() -> assertThatProblem(500, PROBLEM_JSON, "<html>Oops</html>").isConformant())
			.isInstanceOf(AssertionError.class);
	}

	@Test
	void hasFieldErrorWhenFieldNotNamedThenFails() {
		assertThatThrownBy(() -> assertThatProblem(409, PROBLEM_JSON, GOOD).hasFieldError("count"))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("<count>");
	}

	@Test
	void hasUpstreamServiceWhenNotInChainThenFails() {
		assertThatThrownBy(() -> assertThatProblem(409, PROBLEM_JSON, GOOD).hasUpstreamService("billing-service"))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("billing-service");
	}

	@Test
	void hasRetryableWhenDiffersThenFails() {
		assertThatThrownBy(() -> assertThatProblem(409, PROBLEM_JSON, GOOD).hasRetryable(true))
			.isInstanceOf(AssertionError.class);
	}

	@Test
	void hasDetailContainingWhenAbsentThenFails() {
		assertThatThrownBy(() -> assertThatProblem(409, PROBLEM_JSON, GOOD).hasDetailContaining("deleted"))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("deleted");
	}

}
