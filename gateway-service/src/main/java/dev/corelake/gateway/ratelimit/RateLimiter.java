package dev.corelake.gateway.ratelimit;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * One bucket4j bucket per client and group, in memory. Each group's bucket holds
 * {@code capacity} tokens and gets all of them back when its period ends (counted from
 * the client's first request), so the counts are exact: {@code capacity} requests pass
 * per period, the next one is refused. The number of buckets is bounded: past
 * {@code maxClients}, buckets that are full again (idle clients) are dropped first.
 *
 * @author Corelake
 */
public class RateLimiter {

	private final RateLimitProperties properties;

	private final TimeMeter time;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	/**
	 * Creates the limiter.
	 * @param properties the groups' limits
	 * @param time the clock buckets refill by
	 */
	public RateLimiter(RateLimitProperties properties, TimeMeter time) {
		this.properties = properties;
		this.time = time;
	}

	/**
	 * Takes one request from a client's allowance.
	 * @param group the route group
	 * @param client who is asking (subject or address)
	 * @return the outcome, or {@code null} when the group has no limit
	 */
	public Decision consume(String group, String client) {
		RateLimitProperties.Limit limit = this.properties.groups().get(group);
		if (limit == null) {
			return null;
		}
		String key = group + '\n' + client;
		Bucket bucket = this.buckets.get(key);
		if (bucket == null) {
			if (this.buckets.size() >= this.properties.maxClients()) {
				evictIdle();
			}
			bucket = this.buckets.computeIfAbsent(key, (k) -> newBucket(limit));
		}
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		return new Decision(probe.isConsumed(), limit.capacity(), probe.getRemainingTokens(),
				seconds(probe.isConsumed() ? probe.getNanosToWaitForReset() : probe.getNanosToWaitForRefill()),
				limit.period().toSeconds());
	}

	/**
	 * How many clients have a bucket.
	 * @return the count
	 */
	public int size() {
		return this.buckets.size();
	}

	private Bucket newBucket(RateLimitProperties.Limit limit) {
		return Bucket.builder()
			.addLimit((bandwidth) -> bandwidth.capacity(limit.capacity())
				.refillIntervally(limit.capacity(), limit.period()))
			.withCustomTimePrecision(this.time)
			.build();
	}

	private void evictIdle() {
		for (Iterator<Map.Entry<String, Bucket>> it = this.buckets.entrySet().iterator(); it.hasNext();) {
			Map.Entry<String, Bucket> entry = it.next();
			String group = entry.getKey().substring(0, entry.getKey().indexOf('\n'));
			RateLimitProperties.Limit limit = this.properties.groups().get(group);
			if (limit == null || entry.getValue().getAvailableTokens() >= limit.capacity()) {
				it.remove();
			}
		}
		if (this.buckets.size() >= this.properties.maxClients()) {
			// every client is active: start over rather than grow without bound
			this.buckets.clear();
		}
	}

	private static long seconds(long nanos) {
		return Math.max(0, (nanos + 999_999_999L) / 1_000_000_000L);
	}

	/**
	 * The outcome of one request.
	 *
	 * @param allowed whether it may pass
	 * @param limit requests allowed per period
	 * @param remaining requests left in the current period
	 * @param resetSeconds seconds until the allowance is restored (when refused: until
	 * the next request may pass)
	 * @param periodSeconds the length of the period
	 */
	public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long periodSeconds) {
	}

}
