package dev.corelake.errors.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.ErrorCode;
import dev.corelake.errors.FieldViolation;
import dev.corelake.errors.Problems;
import dev.corelake.errors.client.UpstreamErrors;
import jakarta.validation.ConstraintViolationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.RestClientException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception that reaches Spring MVC into a contract-conformant problem:
 * framework errors keep their proper status (400, 404, 405, 406, 413, 415 …) and gain a
 * catalogued {@code code}; validation failures list their fields in {@code errors[]};
 * anything unexpected becomes a 500 {@code INTERNAL_ERROR} whose body says nothing about
 * the implementation.
 * <p>
 * Ordered last so that a service's own advice may handle its exceptions first.
 *
 * @author Corelake
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Log log = LogFactory.getLog(ProblemExceptionHandler.class);

	private static final String ACCESS_DENIED = "org.springframework.security.access.AccessDeniedException";

	private static final String AUTHORIZATION_DENIED = "org.springframework.security.authorization.AuthorizationDeniedException";

	private final ProblemEnricher enricher;

	/**
	 * Creates the handler.
	 * @param enricher completes every problem with the contract's members
	 */
	public ProblemExceptionHandler(ProblemEnricher enricher) {
		this.enricher = enricher;
	}

	/**
	 * Constraint violations from {@code @Validated} beans become a 400 with field errors.
	 * @param ex the violation
	 * @param request the request
	 * @return the problem
	 */
	@ExceptionHandler(ConstraintViolationException.class)
	public ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
		List<FieldViolation> violations = ex.getConstraintViolations()
			.stream()
			.map((v) -> new FieldViolation(lastNode(v.getPropertyPath().toString()), v.getMessage()))
			.toList();
		CorelakeException problem = new CorelakeException(CommonErrorCode.VALIDATION_FAILED,
				"The request has invalid fields.")
			.withViolations(violations);
		return handleExceptionInternal(problem, problem.getBody(), problem.getHeaders(), problem.getStatusCode(),
				request);
	}

	/**
	 * A call to another service that failed while its answer was read: a timeout becomes
	 * 504, an unreadable (garbage or truncated) body 502.
	 * @param ex the failure
	 * @param request the request
	 * @return a 502 problem
	 */
	@ExceptionHandler(RestClientException.class)
	public ResponseEntity<Object> handleUnreadableUpstream(RestClientException ex, WebRequest request) {
		CorelakeException mapped = UpstreamErrors.fromFailure("upstream", ex);
		CorelakeException problem = (mapped.getErrorCode() != CommonErrorCode.INTERNAL_ERROR) ? mapped
				: new CorelakeException(CommonErrorCode.UPSTREAM_BAD_RESPONSE,
						"A dependency answered with a response that could not be read.", ex);
		return handleExceptionInternal(problem, problem.getBody(), problem.getHeaders(), problem.getStatusCode(),
				request);
	}

	/**
	 * Anything not handled elsewhere is a bug: 500 without internals.
	 * @param ex the failure
	 * @param request the request
	 * @return the problem
	 */
	@ExceptionHandler(Exception.class)
	public ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		CorelakeException nested = findCorelakeException(ex);
		if (nested != null) {
			return handleExceptionInternal(nested, nested.getBody(), nested.getHeaders(), nested.getStatusCode(),
					request);
		}
		if (ACCESS_DENIED.equals(ex.getClass().getName()) || ex.getClass().getName().equals(AUTHORIZATION_DENIED)) {
			// method security refused the call (Spring Security is optional for this
			// library)
			CorelakeException denied = new CorelakeException(CommonErrorCode.ACCESS_DENIED,
					"Your roles or scopes do not allow this operation.");
			return handleExceptionInternal(denied, denied.getBody(), denied.getHeaders(), denied.getStatusCode(),
					request);
		}
		CorelakeException problem = new CorelakeException(CommonErrorCode.INTERNAL_ERROR,
				"An unexpected error occurred; the traceId identifies it in the logs.", ex);
		return handleExceptionInternal(ex, problem.getBody(), new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR,
				request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldViolation> violations = new ArrayList<>();
		ex.getBindingResult()
			.getFieldErrors()
			.forEach((error) -> violations.add(new FieldViolation(error.getField(), message(error))));
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> violations.add(new FieldViolation(error.getObjectName(), message(error))));
		return validationProblem(ex, violations, headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldViolation> violations = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			String name = result.getMethodParameter().getParameterName();
			result.getResolvableErrors()
				.forEach((error) -> violations.add(new FieldViolation(
						(error instanceof FieldError fieldError) ? fieldError.getField() : String.valueOf(name),
						message(error))));
		});
		return validationProblem(ex, violations, headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		CorelakeException nested = findCorelakeException(ex);
		if (nested != null) {
			return handleExceptionInternal(nested, nested.getBody(), nested.getHeaders(), nested.getStatusCode(),
					request);
		}
		CorelakeException problem = new CorelakeException(CommonErrorCode.MALFORMED_REQUEST, describe(ex));
		if (ex.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			problem.withViolations(List.of(new FieldViolation(path(jackson), problem.getBody().getDetail())));
		}
		return handleExceptionInternal(ex, problem.getBody(), headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail problem = (body instanceof ProblemDetail detail) ? detail
				: (ex instanceof ErrorResponse errorResponse) ? errorResponse.getBody()
						: ProblemDetail.forStatus(statusCode);
		ErrorCode code = (ex instanceof CorelakeException corelake) ? corelake.getErrorCode()
				: StatusCodes.forException(ex, statusCode);
		this.enricher.enrich(problem, code, request);
		logProblem(ex, problem);
		return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
	}

	private ResponseEntity<Object> validationProblem(Exception ex, List<FieldViolation> violations, HttpHeaders headers,
			WebRequest request) {
		CorelakeException problem = new CorelakeException(CommonErrorCode.VALIDATION_FAILED,
				"The request has " + violations.size() + " invalid field(s).")
			.withViolations(violations);
		return handleExceptionInternal(ex, problem.getBody(), headers, HttpStatus.BAD_REQUEST, request);
	}

	private static void logProblem(Exception ex, ProblemDetail problem) {
		Map<String, Object> properties = problem.getProperties();
		Object code = (properties != null) ? properties.get(Problems.CODE) : null;
		if (problem.getStatus() >= 500) {
			log.error(code + " " + problem.getInstance() + ": " + problem.getDetail(), ex);
		}
		else if (log.isWarnEnabled()) {
			log.warn(code + " " + problem.getInstance() + ": " + problem.getDetail());
		}
	}

	private static CorelakeException findCorelakeException(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof CorelakeException corelake) {
				return corelake;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	private static String describe(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return "Unknown field '" + path(unknown) + "'.";
		}
		if (cause instanceof InvalidFormatException invalid) {
			return "Field '" + path(invalid) + "' has an invalid value for type "
					+ invalid.getTargetType().getSimpleName() + ".";
		}
		if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
			return "Field '" + path(mismatched) + "' has the wrong type or shape.";
		}
		if (cause instanceof JacksonException) {
			return "The request body is not well-formed JSON.";
		}
		return "The request body is missing or unreadable.";
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "$" : path.toString();
	}

	private static String message(MessageSourceResolvable error) {
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
	}

	private static String lastNode(String propertyPath) {
		int dot = propertyPath.lastIndexOf('.');
		return (dot >= 0) ? propertyPath.substring(dot + 1) : propertyPath;
	}

}
