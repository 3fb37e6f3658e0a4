package dev.corelake.compute.job;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a job computes.
 *
 * @author Corelake
 */
public enum JobKind {

	/**
	 * A SQL query over datasets whose result becomes a new version of the output dataset.
	 */
	SQL,

	/** Per-column statistics of one dataset version, kept with the job. */
	PROFILE;

	/**
	 * The name the API uses.
	 * @return {@code sql} or {@code profile}
	 */
	@JsonValue
	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Reads an API name.
	 * @param name {@code sql} or {@code profile}
	 * @return the kind
	 */
	@JsonCreator
	public static JobKind fromApiName(String name) {
		return valueOf(name.toUpperCase(Locale.ROOT));
	}

}
