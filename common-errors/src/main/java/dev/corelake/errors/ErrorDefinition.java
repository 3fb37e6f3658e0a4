package dev.corelake.errors;

import org.springframework.http.HttpStatus;

/**
 * What an error code stands for: its status, title, meaning and whether a retry may help.
 *
 * @param status the HTTP status
 * @param title a short summary, the same for every occurrence
 * @param meaning what the code means and what a caller can do about it
 * @param retryable whether repeating the request later may succeed
 * @author Corelake
 */
public record ErrorDefinition(HttpStatus status, String title, String meaning, boolean retryable) {

	/**
	 * A definition of a code for which a retry does not help.
	 * @param status the HTTP status
	 * @param title the title
	 * @param meaning the meaning
	 * @return the definition
	 */
	public static ErrorDefinition of(HttpStatus status, String title, String meaning) {
		return new ErrorDefinition(status, title, meaning, false);
	}

	/**
	 * A definition of a code for which a later retry may succeed.
	 * @param status the HTTP status
	 * @param title the title
	 * @param meaning the meaning
	 * @return the definition
	 */
	public static ErrorDefinition retryable(HttpStatus status, String title, String meaning) {
		return new ErrorDefinition(status, title, meaning, true);
	}

}
