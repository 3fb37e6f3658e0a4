package dev.corelake.errors.test;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.corelake.errors.ErrorCatalog;
import dev.corelake.errors.Problems;
import org.assertj.core.api.AbstractAssert;
import tools.jackson.databind.json.JsonMapper;

/**
 * AssertJ assertions that an HTTP answer honours the error contract. Every service's
 * tests use them to check their failure answers:
 *
 * <pre class="code">
 * assertThatProblem(status, contentType, body).isConformant().hasStatus(404).hasCode("DATASET_NOT_FOUND");
 * </pre>
 *
 * @author Corelake
 */
public class ProblemAssert extends AbstractAssert<ProblemAssert, Map<String, Object>> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

	/** A Java class name ending in Exception/Error, or a stack frame. */
	private static final Pattern INTERNALS = Pattern
		.compile("([a-z][a-z0-9_]*\\.)+[A-Z]\\w*(Exception|Error)\\b|\\bat [\\w.$]+\\([\\w.]+:\\d+\\)");

	private static ErrorCatalog catalog;

	private final int httpStatus;

	private final String contentType;

	private final String body;

	ProblemAssert(int httpStatus, String contentType, String body) {
		super(parse(body), ProblemAssert.class);
		this.httpStatus = httpStatus;
		this.contentType = contentType;
		this.body = body;
	}

	/**
	 * Starts an assertion on an HTTP answer.
	 * @param status the HTTP status
	 * @param contentType the {@code Content-Type} header
	 * @param body the body text
	 * @return the assertion
	 */
	public static ProblemAssert assertThatProblem(int status, String contentType, String body) {
		return new ProblemAssert(status, contentType, body);
	}

	/**
	 * Checks everything the contract requires of any problem: media type, members, status
	 * agreement, a catalogued code, and no implementation details.
	 * @return this assertion
	 */
	public ProblemAssert isConformant() {
		isNotNull();
		if (this.contentType == null || !this.contentType.startsWith("application/problem+json")) {
			failWithMessage("Expected Content-Type application/problem+json but was <%s>; body <%s>", this.contentType,
					this.body);
		}
		for (String member : List.of("type", "title", "status", "detail", Problems.CODE, Problems.SERVICE,
				Problems.RETRYABLE)) {
			if (this.actual.get(member) == null) {
				failWithMessage("Expected problem member <%s> in <%s>", member, this.body);
			}
		}
		if (!(this.actual.get("status") instanceof Number status) || status.intValue() != this.httpStatus) {
			failWithMessage("Expected problem status <%s> to equal the HTTP status <%s>", this.actual.get("status"),
					this.httpStatus);
		}
		String code = String.valueOf(this.actual.get(Problems.CODE));
		if (!CODE.matcher(code).matches()) {
			failWithMessage("Expected an UPPER_SNAKE code but was <%s>", code);
		}
		if (catalog().find(code).isEmpty()) {
			failWithMessage("Code <%s> is not in the error catalog", code);
		}
		if (!(this.actual.get(Problems.RETRYABLE) instanceof Boolean)) {
			failWithMessage("Expected a boolean 'retryable' but was <%s>", this.actual.get(Problems.RETRYABLE));
		}
		if (INTERNALS.matcher(this.body).find()) {
			failWithMessage("Problem body reveals implementation details: <%s>", this.body);
		}
		return this;
	}

	/**
	 * Checks the HTTP status.
	 * @param expected the expected status
	 * @return this assertion
	 */
	public ProblemAssert hasStatus(int expected) {
		if (this.httpStatus != expected) {
			failWithMessage("Expected HTTP status <%s> but was <%s>; body <%s>", expected, this.httpStatus, this.body);
		}
		return this;
	}

	/**
	 * Checks the code.
	 * @param expected the expected code
	 * @return this assertion
	 */
	public ProblemAssert hasCode(String expected) {
		isNotNull();
		if (!expected.equals(this.actual.get(Problems.CODE))) {
			failWithMessage("Expected code <%s> but was <%s>; body <%s>", expected, this.actual.get(Problems.CODE),
					this.body);
		}
		return this;
	}

	/**
	 * Checks that {@code errors[]} names the given field.
	 * @param field the field
	 * @return this assertion
	 */
	public ProblemAssert hasFieldError(String field) {
		isNotNull();
		if (!(this.actual.get(Problems.ERRORS) instanceof List<?> errors)
				|| errors.stream().noneMatch((e) -> e instanceof Map<?, ?> m && field.equals(m.get("field")))) {
			failWithMessage("Expected a field error for <%s> in <%s>", field, this.body);
		}
		return this;
	}

	/**
	 * Checks the {@code retryable} member.
	 * @param expected the expected value
	 * @return this assertion
	 */
	public ProblemAssert hasRetryable(boolean expected) {
		isNotNull();
		if (!Boolean.valueOf(expected).equals(this.actual.get(Problems.RETRYABLE))) {
			failWithMessage("Expected retryable <%s> in <%s>", expected, this.body);
		}
		return this;
	}

	/**
	 * Checks that the {@code upstream} chain names the given service.
	 * @param service the upstream service
	 * @return this assertion
	 */
	public ProblemAssert hasUpstreamService(String service) {
		isNotNull();
		Object upstream = this.actual.get(Problems.UPSTREAM);
		while (upstream instanceof Map<?, ?> map) {
			if (service.equals(map.get(Problems.SERVICE))) {
				return this;
			}
			upstream = map.get(Problems.UPSTREAM);
		}
		failWithMessage("Expected the upstream chain to name <%s> in <%s>", service, this.body);
		return this;
	}

	/**
	 * Checks the detail mentions a text.
	 * @param text the text
	 * @return this assertion
	 */
	public ProblemAssert hasDetailContaining(String text) {
		isNotNull();
		Object detail = this.actual.get("detail");
		if (!(detail instanceof String value) || !value.contains(text)) {
			failWithMessage("Expected detail containing <%s> but was <%s>", text, detail);
		}
		return this;
	}

	private static synchronized ErrorCatalog catalog() {
		if (catalog == null) {
			catalog = ErrorCatalog.load(Thread.currentThread().getContextClassLoader());
		}
		return catalog;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> parse(String body) {
		try {
			Object parsed = JSON.readValue(body, Object.class);
			return (parsed instanceof Map<?, ?> map) ? (Map<String, Object>) map : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
