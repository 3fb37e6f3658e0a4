package dev.corelake.config.system;

import java.util.Collection;
import java.util.List;

import dev.corelake.errors.ErrorCode;
import dev.corelake.errors.ErrorCodeProvider;

import org.springframework.http.HttpStatus;

/**
 * Error codes of config-service.
 *
 * @author Corelake
 */
public enum ConfigErrorCode implements ErrorCode {

	/** No such revision of the namespace and profile. */
	CONFIG_REVISION_NOT_FOUND(HttpStatus.NOT_FOUND, "Configuration revision not found",
			"The namespace and profile have no revision with this number."),

	/** No global-state entry with that key. */
	CONFIG_ENTRY_NOT_FOUND(HttpStatus.NOT_FOUND, "Configuration entry not found",
			"No global-state entry with this key exists."),

	/** A write would take a namespace and profile past its size limits. */
	CONFIG_LIMIT_EXCEEDED(HttpStatus.CONFLICT, "Configuration limit exceeded",
			"The write would take the namespace and profile past the number of properties or total size it may hold."),

	/** Too many watches are held already. */
	CONFIG_WATCH_CAPACITY(HttpStatus.SERVICE_UNAVAILABLE, "Too many watches",
			"This replica holds as many watches as it is configured for; retry later or on another replica.");

	private final HttpStatus status;

	private final String title;

	private final String meaning;

	ConfigErrorCode(HttpStatus status, String title, String meaning) {
		this.status = status;
		this.title = title;
		this.meaning = meaning;
	}

	@Override
	public String code() {
		return name();
	}

	@Override
	public HttpStatus status() {
		return this.status;
	}

	@Override
	public String title() {
		return this.title;
	}

	@Override
	public String meaning() {
		return this.meaning;
	}

	/** Registers config-service's codes in the catalog. */
	public static final class Provider implements ErrorCodeProvider {

		@Override
		public String owner() {
			return "config-service";
		}

		@Override
		public Collection<ConfigErrorCode> errorCodes() {
			return List.of(values());
		}

	}

}
