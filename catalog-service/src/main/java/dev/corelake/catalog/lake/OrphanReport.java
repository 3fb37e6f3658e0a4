package dev.corelake.catalog.lake;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the sweeper found, and removed when asked.
 *
 * @param lake the lake's root
 * @param checkedAt when the lake was listed
 * @param grace the grace period (ISO-8601 duration)
 * @param stagingLeaseTtl the staging lease time to live (ISO-8601 duration)
 * @param dryRun {@code true} when nothing was removed
 * @param orphans the orphans
 * @param orphanBytes their total size
 * @param removedBytes the total size removed
 * @param skippedModelDirs {@code models/} version directories, left to ai-model-service
 * @author Corelake
 */
record OrphanReport(String lake, Instant checkedAt, String grace, String stagingLeaseTtl, boolean dryRun,
		List<Orphan> orphans, long orphanBytes, long removedBytes, int skippedModelDirs) {

	/**
	 * A path that belongs to no catalog version and no live run.
	 *
	 * @param kind {@code version} (a {@code datasets/<d>/<v>} directory) or
	 * {@code staging} (a {@code _staging/<owner>/<run>} area)
	 * @param location its URI
	 * @param name dataset name (version) or owner (staging)
	 * @param id version id (version) or run id (staging)
	 * @param modified last change of the directory
	 * @param lease last heartbeat of a staging area, if it has a lease
	 * @param bytes its size
	 * @param reason why it is an orphan
	 * @param removed in a sweep: whether it was removed
	 * @param error in a sweep: why it could not be removed
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Orphan(String kind, String location, String name, String id, Instant modified, Instant lease, long bytes,
			String reason, Boolean removed, String error) {

		Orphan outcome(boolean removed, String error) {
			return new Orphan(this.kind, this.location, this.name, this.id, this.modified, this.lease, this.bytes,
					this.reason, removed, error);
		}

	}

}
