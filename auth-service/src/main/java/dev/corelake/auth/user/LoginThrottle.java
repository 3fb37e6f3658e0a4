package dev.corelake.auth.user;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.corelake.auth.system.AuthProperties;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

import org.springframework.stereotype.Component;

/**
 * Limits password attempts per username and per client address with in-memory token
 * buckets (bucket4j). Every attempt takes a token from both buckets up front, so that
 * concurrent guesses cannot slip past the limit; a successful one gives them back and
 * clears the username's failures. An empty bucket refuses attempts until it refills
 * (gradually, over the configured window).
 * <p>
 * Unknown usernames are throttled exactly like real ones, so the limit reveals nothing.
 * Memory is bounded: at most {@code maxTrackedKeys} buckets are kept, least recently used
 * dropped first. Limits are per replica.
 *
 * @author Corelake
 */
@Component
public class LoginThrottle {

	private final AuthProperties.Login settings;

	private final TimeMeter time;

	private final Map<String, Bucket> buckets;

	LoginThrottle(AuthProperties properties, Clock clock) {
		this.settings = properties.login();
		this.time = new ClockTimeMeter(clock);
		int max = this.settings.maxTrackedKeys();
		this.buckets = new LinkedHashMap<>(256, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
				return size() > max;
			}

		};
	}

	/**
	 * Takes an attempt for a username from an address.
	 * @param username the username as given (it need not exist)
	 * @param address the client address
	 * @return the attempt, to report success with
	 * @throws LoginRateLimitedException when either limit is exhausted
	 */
	Attempt begin(String username, String address) {
		Bucket user = bucket("user:" + username, this.settings.maxFailuresPerUser());
		Bucket client = bucket("address:" + address, this.settings.maxFailuresPerAddress());
		if (!user.tryConsume(1)) {
			throw LoginRateLimitedException.retryAfter(secondsUntilRefill(user));
		}
		if (!client.tryConsume(1)) {
			user.addTokens(1);
			throw LoginRateLimitedException.retryAfter(secondsUntilRefill(client));
		}
		return new Attempt(username, user, client);
	}

	/**
	 * Reports a successful attempt: its tokens are returned and the username's earlier
	 * failures forgotten.
	 * @param attempt the attempt
	 */
	void succeeded(Attempt attempt) {
		attempt.user().reset();
		attempt.address().addTokens(1);
	}

	private synchronized Bucket bucket(String key, int capacity) {
		return this.buckets.computeIfAbsent(key,
				(k) -> Bucket.builder()
					.addLimit((limit) -> limit.capacity(capacity).refillGreedy(capacity, this.settings.failureWindow()))
					.withCustomTimePrecision(this.time)
					.build());
	}

	synchronized int trackedKeys() {
		return this.buckets.size();
	}

	private static long secondsUntilRefill(Bucket bucket) {
		long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
		return Math.max(1, (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
	}

	/**
	 * One password attempt in progress.
	 *
	 * @param username the username
	 * @param user the username's bucket
	 * @param address the address's bucket
	 */
	record Attempt(String username, Bucket user, Bucket address) {
	}

	/** bucket4j's time read from the application clock, so tests can move it. */
	private record ClockTimeMeter(Clock clock) implements TimeMeter {

		@Override
		public long currentTimeNanos() {
			return Duration.ofMillis(this.clock.millis()).toNanos();
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}

	}

}
