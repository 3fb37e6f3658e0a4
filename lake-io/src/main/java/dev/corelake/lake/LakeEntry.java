package dev.corelake.lake;

import java.net.URI;
import java.time.Instant;

import org.apache.hadoop.fs.Path;

/**
 * A committed version directory: {@code datasets/<name>/<versionId>} or
 * {@code models/<name>/<versionId>}.
 *
 * @param kind dataset or model
 * @param name dataset or model name
 * @param versionId the producer's version id
 * @param path the directory
 * @param location fully qualified URI of the directory, as registered in the catalog
 * @param modified last modification of the directory (its commit, unless touched since)
 * @param bytes total size of the files under it
 * @author Corelake
 */
public record LakeEntry(Kind kind, String name, String versionId, Path path, URI location, Instant modified,
		long bytes) {

	/**
	 * What a version directory holds.
	 */
	public enum Kind {

		/** {@code datasets/<dataset>/<versionId>}. */
		DATASET,

		/** {@code models/<model>/<versionId>}. */
		MODEL

	}

}
