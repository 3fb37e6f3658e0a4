package dev.corelake.sync.run;

/**
 * A committed chunk of a run: a Parquet part file in its staging area, with where the
 * source stands after it. Checkpoints are written in the same transaction that proves the
 * instance still holds the run, so a zombie instance cannot add one.
 *
 * @param seq chunk number, from 1
 * @param part the part file's name
 * @param rejectsPart the rejects file's name, or {@code null} when none was rejected
 * @param rows rows in the part
 * @param rejected records rejected in the chunk
 * @param bytes bytes of the part file
 * @param sourceBytes bytes read from the source for the chunk
 * @param positionJson where the source stands after the chunk
 * @author Corelake
 */
public record Checkpoint(int seq, String part, String rejectsPart, long rows, long rejected, long bytes,
		long sourceBytes, String positionJson) {
}
