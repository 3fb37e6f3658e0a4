package dev.corelake.platform.system;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One instance per key, started by the first holder and stopped by the last.
 *
 * @author Corelake
 */
class JvmSharedTests {

	@Test
	void theFirstHolderStartsTheLastStopsAndNoneInBetween() {
		AtomicInteger started = new AtomicInteger();
		List<String> stopped = new ArrayList<>();
		String first = JvmShared.acquire("shared-test", String.class, () -> "one-" + started.incrementAndGet(),
				stopped::add);
		String second = JvmShared.acquire("shared-test", String.class, () -> "two-" + started.incrementAndGet(),
				(instance) -> stopped.add("wrong stop " + instance));
		assertThat(second).isSameAs(first).isEqualTo("one-1");
		assertThat(started).hasValue(1);
		assertThat(JvmShared.holders("shared-test")).isEqualTo(2);

		// the first holder leaves (compute-service stopped): the other still has it
		JvmShared.release("shared-test");
		assertThat(stopped).isEmpty();
		assertThat(JvmShared.holders("shared-test")).isEqualTo(1);

		JvmShared.release("shared-test");
		assertThat(stopped).containsExactly("one-1");
		assertThat(JvmShared.holders("shared-test")).isZero();
		JvmShared.release("shared-test");
		assertThat(stopped).hasSize(1);

		// held again after the stop: a new instance
		assertThat(JvmShared.acquire("shared-test", String.class, () -> "three", stopped::add)).isEqualTo("three");
		JvmShared.release("shared-test");
		assertThat(stopped).containsExactly("one-1", "three");
	}

	@Test
	void aFailedStartLeavesNothingHeld() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> JvmShared.acquire("failing", String.class, () -> {
				throw new IllegalStateException("cannot start");
			}, (instance) -> {
			}));
		assertThat(JvmShared.holders("failing")).isZero();
		assertThat(JvmShared.acquire("failing", String.class, () -> "ok", (instance) -> {
		})).isEqualTo("ok");
		JvmShared.release("failing");
	}

	@Test
	void aWrongTypeIsRefused() {
		JvmShared.acquire("typed", String.class, () -> "text", (instance) -> {
		});
		try {
			assertThatExceptionOfType(ClassCastException.class)
				.isThrownBy(() -> JvmShared.acquire("typed", Integer.class, () -> 1, (instance) -> {
				}));
			assertThat(JvmShared.holders("typed")).isEqualTo(1);
		}
		finally {
			JvmShared.release("typed");
		}
	}

}
