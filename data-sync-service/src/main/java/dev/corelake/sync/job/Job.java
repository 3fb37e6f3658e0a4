package dev.corelake.sync.job;

import java.time.Instant;

/**
 * A sync job.
 *
 * @param id database id
 * @param name unique name
 * @param owner who created it (and owns the datasets it creates)
 * @param ownerAdmin whether its creator was an administrator (who may write into any
 * dataset; anyone else only into their own)
 * @param sourceId the source's id
 * @param sourceName the source's name
 * @param dataset the target dataset
 * @param spec what the job does
 * @param schedule cron expression (UTC), or {@code null}
 * @param nextFireAt when the schedule fires next
 * @param highWaterMark the committed cursor mark (JSON of a typed value), or {@code null}
 * @param createdAt creation time
 * @author Corelake
 */
public record Job(long id, String name, String owner, boolean ownerAdmin, long sourceId, String sourceName,
		String dataset, JobSpec spec, String schedule, Instant nextFireAt, String highWaterMark, Instant createdAt) {
}
