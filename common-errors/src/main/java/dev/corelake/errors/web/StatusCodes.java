package dev.corelake.errors.web;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.ErrorCode;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.ServletRequestBindingException;

/**
 * Picks the common code for a framework exception or a bare status.
 *
 * @author Corelake
 */
public final class StatusCodes {

	private StatusCodes() {
	}

	static ErrorCode forException(Exception ex, HttpStatusCode status) {
		if (ex instanceof TypeMismatchException || ex instanceof MissingRequestValueException
				|| ex instanceof ServletRequestBindingException) {
			return CommonErrorCode.INVALID_PARAMETER;
		}
		return forStatus(status.value());
	}

	/**
	 * The common code for a bare status.
	 * @param status the status
	 * @return the code
	 */
	public static ErrorCode forStatus(int status) {
		return switch (status) {
			case 400 -> CommonErrorCode.MALFORMED_REQUEST;
			case 401 -> CommonErrorCode.AUTHENTICATION_REQUIRED;
			case 403 -> CommonErrorCode.ACCESS_DENIED;
			case 404 -> CommonErrorCode.NOT_FOUND;
			case 405 -> CommonErrorCode.METHOD_NOT_ALLOWED;
			case 406 -> CommonErrorCode.NOT_ACCEPTABLE;
			case 409 -> CommonErrorCode.CONFLICT;
			case 412 -> CommonErrorCode.PRECONDITION_FAILED;
			case 413 -> CommonErrorCode.PAYLOAD_TOO_LARGE;
			case 415 -> CommonErrorCode.UNSUPPORTED_MEDIA_TYPE;
			case 428 -> CommonErrorCode.PRECONDITION_REQUIRED;
			case 429 -> CommonErrorCode.RATE_LIMITED;
			case 502 -> CommonErrorCode.UPSTREAM_BAD_RESPONSE;
			case 503 -> CommonErrorCode.UPSTREAM_UNAVAILABLE;
			case 504 -> CommonErrorCode.UPSTREAM_TIMEOUT;
			default ->
				(status >= 400 && status < 500) ? CommonErrorCode.MALFORMED_REQUEST : CommonErrorCode.INTERNAL_ERROR;
		};
	}

}
