package dev.corelake.compute.spark;

import java.util.HashSet;
import java.util.Set;

import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;

/**
 * Turns a Spark failure into one readable line and a stable code: the innermost cause
 * that Spark classified (its error condition, such as {@code DIVIDE_BY_ZERO} or
 * {@code TABLE_OR_VIEW_NOT_FOUND}), its first line, no stack trace.
 *
 * @author Corelake
 */
public final class SparkErrors {

	private static final int MAX_LENGTH = 1000;

	private SparkErrors() {
	}

	/**
	 * The code of a failure.
	 * @param failure the failure
	 * @return {@code SPARK_<CONDITION>}, else {@code SPARK_JOB_FAILED}
	 */
	public static String code(Throwable failure) {
		SparkThrowable classified = classified(failure);
		String condition = (classified != null) ? classified.getCondition() : null;
		return (condition != null) ? "SPARK_" + condition.replace('.', '_') : "SPARK_JOB_FAILED";
	}

	/**
	 * The summary of a failure.
	 * @param failure the failure
	 * @return one line of at most 1000 characters
	 */
	public static String summary(Throwable failure) {
		Throwable chosen = (classified(failure) instanceof Throwable classified) ? classified : innermost(failure);
		String message = (chosen.getMessage() != null) ? chosen.getMessage() : chosen.getClass().getSimpleName();
		String line = message.strip().lines().findFirst().orElse(message).strip();
		return (line.length() > MAX_LENGTH) ? line.substring(0, MAX_LENGTH - 1) + "…" : line;
	}

	/**
	 * Whether running the job again cannot help (the query itself is wrong).
	 * @param failure the failure
	 * @return {@code true} for analysis errors
	 */
	public static boolean isPermanent(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof AnalysisException) {
				return true;
			}
		}
		SparkThrowable classified = classified(failure);
		String condition = (classified != null) ? classified.getCondition() : null;
		return condition != null && (condition.startsWith("DIVIDE_BY_ZERO") || condition.startsWith("CAST_")
				|| condition.startsWith("ARITHMETIC_OVERFLOW") || condition.startsWith("INVALID_"));
	}

	private static SparkThrowable classified(Throwable failure) {
		SparkThrowable found = null;
		Set<Throwable> seen = new HashSet<>();
		for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
			if (cause instanceof SparkThrowable spark && spark.getCondition() != null) {
				found = spark;
			}
		}
		return found;
	}

	private static Throwable innermost(Throwable failure) {
		Throwable cause = failure;
		Set<Throwable> seen = new HashSet<>();
		while (cause.getCause() != null && seen.add(cause)) {
			cause = cause.getCause();
		}
		return cause;
	}

}
