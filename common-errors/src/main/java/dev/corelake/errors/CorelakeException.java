package dev.corelake.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponseException;

/**
 * Base of every exception that leaves a Corelake service as a problem: it carries the
 * {@link ErrorCode} and a detail written for the caller. Domain exceptions extend it and
 * offer static factories named after the fact
 * ({@code DatasetNotFoundException.named(name)}).
 *
 * @author Corelake
 */
public class CorelakeException extends ErrorResponseException {

	private final transient ErrorCode errorCode;

	private final List<FieldViolation> violations = new ArrayList<>();

	/**
	 * Creates an exception for the given code.
	 * @param errorCode the catalogued code
	 * @param detail what happened, for the caller; never internal details
	 */
	public CorelakeException(ErrorCode errorCode, String detail) {
		this(errorCode, detail, null);
	}

	/**
	 * Creates an exception for the given code with a cause that is logged, never shown.
	 * @param errorCode the catalogued code
	 * @param detail what happened, for the caller
	 * @param cause the underlying failure
	 */
	public CorelakeException(ErrorCode errorCode, String detail, Throwable cause) {
		super(errorCode.status(), Problems.of(errorCode, detail), cause);
		this.errorCode = errorCode;
	}

	/**
	 * The code of this failure.
	 * @return the code
	 */
	public ErrorCode getErrorCode() {
		return this.errorCode;
	}

	/**
	 * Adds an extension member to the problem body.
	 * @param name the member name
	 * @param value its value
	 * @return this exception
	 */
	public CorelakeException with(String name, Object value) {
		getBody().setProperty(name, value);
		return this;
	}

	/**
	 * Adds a response header, such as {@code Retry-After}.
	 * @param name the header name
	 * @param value the header value
	 * @return this exception
	 */
	public CorelakeException withHeader(String name, String value) {
		getHeaders().set(name, value);
		return this;
	}

	/**
	 * Adds field violations, rendered as {@code errors[]}.
	 * @param fieldViolations the violations
	 * @return this exception
	 */
	public CorelakeException withViolations(List<FieldViolation> fieldViolations) {
		this.violations.addAll(fieldViolations);
		getBody().setProperty(Problems.ERRORS, List.copyOf(this.violations));
		return this;
	}

	@Override
	public String getMessage() {
		return this.errorCode.code() + ": " + getBody().getDetail();
	}

	/**
	 * Extension members of the problem body.
	 * @return the members, never {@code null}
	 */
	public Map<String, Object> extensions() {
		Map<String, Object> properties = getBody().getProperties();
		return (properties != null) ? properties : Map.of();
	}

	@Override
	public HttpHeaders getHeaders() {
		return super.getHeaders();
	}

}
