package dev.corelake.catalog.version;

import java.util.List;

/**
 * What one retention run did to a dataset.
 *
 * @param dataset the dataset
 * @param expired the versions this run expired, and what became of their files
 * @param retried expired versions whose files an earlier run could not remove, retried
 * now
 * @author Corelake
 */
record RetentionResult(String dataset, List<ExpiredVersion> expired, List<ExpiredVersion> retried) {

	/**
	 * An expired version.
	 *
	 * @param version its number
	 * @param location its location
	 * @param files what became of its files: {@code REMOVED}, {@code PENDING} (the lake
	 * failed; retried by the next run), {@code OUTSIDE_LAKE} or {@code SHARED} (left
	 * alone)
	 */
	record ExpiredVersion(int version, String location, String files) {

	}

}
