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
	PROFILE,

	/**
	 * A Spark MLlib pipeline fitted on one dataset version, committed as a new version of
	 * the model's catalog dataset {@code model-<name>}.
	 */
	TRAIN,

	/**
	 * A model version applied to one dataset version, whose rows and predictions become a
	 * new version of the output dataset.
	 */
	PREDICT;

	/**
	 * The name the API uses.
	 * @return {@code sql}, {@code profile}, {@code train} or {@code predict}
	 */
	@JsonValue
	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Reads an API name.
	 * @param name {@code sql}, {@code profile}, {@code train} or {@code predict}
	 * @return the kind
	 */
	@JsonCreator
	public static JobKind fromApiName(String name) {
		return valueOf(name.toUpperCase(Locale.ROOT));
	}

}
