package dev.corelake.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exact counts and reset of the rate limits, on a clock the test moves.
 *
 * @author Corelake
 */
class RateLimiterTests {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final TimeMeter clock = new TimeMeter() {

		@Override
		public long currentTimeNanos() {
			return RateLimiterTests.this.nanos.get();
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	};

	private final RateLimiter limiter = new RateLimiter(
			new RateLimitProperties(true, Map.of("api", new RateLimitProperties.Limit(3, Duration.ofSeconds(10))), 3),
			this.clock);

	@Test
	void capacityWhenUsedUpThenRefusedUntilThePeriodEndsThenWhole() {
		for (long remaining = 2; remaining >= 0; remaining--) {
			RateLimiter.Decision decision = this.limiter.consume("api", "alice");
			assertThat(decision.allowed()).isTrue();
			assertThat(decision.remaining()).isEqualTo(remaining);
			assertThat(decision.limit()).isEqualTo(3);
			assertThat(decision.periodSeconds()).isEqualTo(10);
		}
		advance(Duration.ofSeconds(4));
		RateLimiter.Decision refused = this.limiter.consume("api", "alice");
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.resetSeconds()).isEqualTo(6);
		advance(Duration.ofMillis(5_999));
		assertThat(this.limiter.consume("api", "alice").allowed()).isFalse();
		advance(Duration.ofMillis(1));
		RateLimiter.Decision reset = this.limiter.consume("api", "alice");
		assertThat(reset.allowed()).isTrue();
		assertThat(reset.remaining()).isEqualTo(2);
	}

	@Test
	void clientsWhenDifferentThenSeparateAllowances() {
		for (int i = 0; i < 3; i++) {
			this.limiter.consume("api", "alice");
		}
		assertThat(this.limiter.consume("api", "alice").allowed()).isFalse();
		assertThat(this.limiter.consume("api", "bob").allowed()).isTrue();
	}

	@Test
	void groupWithoutLimitThenNoDecision() {
		assertThat(this.limiter.consume("unlimited", "alice")).isNull();
	}

	@Test
	void clientsWhenMoreThanTheBoundThenIdleOnesDropped() {
		this.limiter.consume("api", "a");
		this.limiter.consume("api", "b");
		this.limiter.consume("api", "c");
		advance(Duration.ofSeconds(10));
		// a, b, c are full again (idle): they make room for d
		this.limiter.consume("api", "d");
		assertThat(this.limiter.size()).isEqualTo(1);
	}

	@Test
	void clientsWhenAllActiveBeyondTheBoundThenStartOver() {
		this.limiter.consume("api", "a");
		this.limiter.consume("api", "b");
		this.limiter.consume("api", "c");
		this.limiter.consume("api", "d");
		assertThat(this.limiter.size()).isEqualTo(1);
	}

	private void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

}
