package dev.corelake.errors.client;

import java.net.URI;

import dev.corelake.errors.ErrorCode;

import org.springframework.http.HttpStatus;

/**
 * An error code as another service reported it; it need not be known to this service's
 * build.
 *
 * @author Corelake
 */
record RemoteErrorCode(String code, HttpStatus status, String title, boolean retryable, URI type) implements ErrorCode {

	@Override
	public String meaning() {
		return "Reported by another service: " + this.title;
	}

}
