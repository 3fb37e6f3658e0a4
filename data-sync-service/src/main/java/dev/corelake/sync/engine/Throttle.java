package dev.corelake.sync.engine;

import java.time.Duration;

import io.github.bucket4j.Bucket;

/**
 * Limits how fast a run reads from its source, in rows and in bytes per second. Each
 * limit is a token bucket that starts empty and holds at most a tenth of a second's worth
 * of tokens, so the rate holds from the first row and bursts after a stall stay small.
 * Rows are paid for before they are read; bytes, which are known only afterwards, are
 * paid for by waiting before the next read.
 *
 * @author Corelake
 */
final class Throttle {

	/** No limit. */
	static final Throttle NONE = new Throttle(null, null);

	private final Bucket rows;

	private final Bucket bytes;

	Throttle(Long rowsPerSecond, Long bytesPerSecond) {
		this.rows = bucket(rowsPerSecond);
		this.bytes = bucket(bytesPerSecond);
	}

	private static Bucket bucket(Long perSecond) {
		if (perSecond == null) {
			return null;
		}
		long capacity = Math.max(1, perSecond / 10);
		return Bucket.builder()
			.addLimit(
					(limit) -> limit.capacity(capacity).refillGreedy(perSecond, Duration.ofSeconds(1)).initialTokens(0))
			.build();
	}

	/**
	 * Rows per batch that keep the row limit smooth: at most a twentieth of a second's
	 * worth.
	 * @param rowsPerSecond the limit, or {@code null}
	 * @param batchRows the usual batch size
	 * @return the batch size to use
	 */
	static int batchRows(Long rowsPerSecond, int batchRows) {
		if (rowsPerSecond == null) {
			return batchRows;
		}
		return (int) Math.max(1, Math.min(batchRows, rowsPerSecond / 20));
	}

	/**
	 * Waits until a number of rows may be read.
	 * @param count rows about to be read
	 * @throws InterruptedException when interrupted while waiting
	 */
	void beforeRows(int count) throws InterruptedException {
		pay(this.rows, count);
	}

	/**
	 * Waits for bytes already read.
	 * @param count bytes read
	 * @throws InterruptedException when interrupted while waiting
	 */
	void afterBytes(long count) throws InterruptedException {
		pay(this.bytes, count);
	}

	private static void pay(Bucket bucket, long tokens) throws InterruptedException {
		if (bucket == null || tokens <= 0) {
			return;
		}
		long waitNanos = bucket.consumeIgnoringRateLimits(tokens);
		if (waitNanos > 0) {
			Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
		}
	}

}
