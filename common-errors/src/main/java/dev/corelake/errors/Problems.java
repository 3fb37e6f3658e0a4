package dev.corelake.errors;

import java.net.URI;

import org.springframework.http.ProblemDetail;

/**
 * Builds problem bodies for {@link ErrorCode}s and names the extension members of the
 * contract.
 *
 * @author Corelake
 */
public final class Problems {

	/** Stable error code extension member. */
	public static final String CODE = "code";

	/** Name of the service that answered. */
	public static final String SERVICE = "service";

	/** W3C trace id of the request. */
	public static final String TRACE_ID = "traceId";

	/** Field violations. */
	public static final String ERRORS = "errors";

	/** Whether a retry may succeed. */
	public static final String RETRYABLE = "retryable";

	/** The problem of another service that caused this one. */
	public static final String UPSTREAM = "upstream";

	private Problems() {
	}

	/**
	 * A problem for the given code.
	 * @param errorCode the code
	 * @param detail the occurrence-specific explanation
	 * @return the problem
	 */
	public static ProblemDetail of(ErrorCode errorCode, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(errorCode.status(), detail);
		problem.setType(errorCode.type());
		problem.setTitle(errorCode.title());
		problem.setProperty(CODE, errorCode.code());
		problem.setProperty(RETRYABLE, errorCode.retryable());
		return problem;
	}

	/**
	 * Sets the {@code type} and {@code title} of a problem from its code, keeping its
	 * detail.
	 * @param problem the problem to complete
	 * @param errorCode the code
	 */
	static void applyCode(ProblemDetail problem, ErrorCode errorCode) {
		if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
			problem.setType(errorCode.type());
		}
		problem.setTitle(errorCode.title());
		problem.setProperty(CODE, errorCode.code());
		problem.setProperty(RETRYABLE, errorCode.retryable());
	}

}
