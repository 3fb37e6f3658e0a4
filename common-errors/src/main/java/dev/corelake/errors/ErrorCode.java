package dev.corelake.errors;

import java.net.URI;
import java.util.Locale;

import org.springframework.http.HttpStatus;

/**
 * A stable, catalogued error code: what a client switches on when something fails.
 * <p>
 * Each service declares its codes as an {@code enum} implementing this interface and
 * lists them through an {@link ErrorCodeProvider}, so that {@link ErrorCatalog} can check
 * that no two codes in the build collide and render {@code docs/errors.md}.
 *
 * @author Corelake
 */
public interface ErrorCode {

	/** Base of every problem {@code type} URI; the anchor is the code in kebab case. */
	String TYPE_BASE = "https://corelake.dev/docs/errors#";

	/**
	 * The code itself, UPPER_SNAKE_CASE, unique across the platform.
	 * @return the code
	 */
	String code();

	/**
	 * The HTTP status a problem with this code is answered with.
	 * @return the status
	 */
	HttpStatus status();

	/**
	 * A short, human readable summary that does not change from occurrence to occurrence.
	 * @return the title
	 */
	String title();

	/**
	 * What the code means and what a caller can do about it (rendered into the catalog).
	 * @return the meaning
	 */
	String meaning();

	/**
	 * Whether repeating the same request later may succeed.
	 * @return {@code true} when a retry may help
	 */
	default boolean retryable() {
		return false;
	}

	/**
	 * The problem {@code type}: a URI into the error catalog.
	 * @return the type URI
	 */
	default URI type() {
		return URI.create(TYPE_BASE + code().toLowerCase(Locale.ROOT).replace('_', '-'));
	}

}
