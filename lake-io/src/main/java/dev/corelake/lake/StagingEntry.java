package dev.corelake.lake;

import java.time.Duration;
import java.time.Instant;

import org.apache.hadoop.fs.Path;

/**
 * A staging area {@code _staging/<owner>/<runId>}.
 *
 * @param owner the producing service ({@code sync}, {@code compute}, {@code model})
 * @param runId the producer's run id
 * @param path the directory
 * @param lease when the lease was last written, {@code null} if the area has no lease
 * @param modified last modification of the directory
 * @param bytes total size of the files under it
 * @author Corelake
 */
public record StagingEntry(String owner, String runId, Path path, Instant lease, Instant modified, long bytes) {

	/**
	 * Whether the run that owns this area is taken for alive: its lease is younger than
	 * {@code ttl}. An area without a lease is never live.
	 * @param now the current time
	 * @param ttl the lease time to live ({@code corelake.lake.staging-lease-ttl})
	 * @return {@code true} if the lease is fresh
	 */
	public boolean isLive(Instant now, Duration ttl) {
		return this.lease != null && this.lease.plus(ttl).isAfter(now);
	}

}
