package dev.corelake.compute.memory;

import java.util.Map;

import dev.corelake.compute.system.ComputeProperties;
import dev.corelake.errors.CorelakeException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How a memory request is split, what is refused and the flags a pod gets.
 *
 * @author Corelake
 */
class JvmMemoryBudgetTests {

	private static final long MIB = 1024 * 1024;

	private final JvmMemoryBudget budget = new JvmMemoryBudget(defaults());

	@Test
	void partsAddUpToTheLimit() {
		for (long limit : new long[] { 1536 * MIB, 2048 * MIB, 4096 * MIB, 16384 * MIB }) {
			MemoryPlan plan = this.budget.split(limit, 2);
			assertThat(plan.heap() + plan.metaspace() + plan.codeCache() + plan.threadStacks() + plan.directMemory()
					+ plan.sparkOverhead() + plan.headroom())
				.isEqualTo(limit);
			assertThat(plan.headroom()).isPositive();
		}
	}

	@Test
	void twoGibibytesLeaveAboutAGibibyteOfHeap() {
		MemoryPlan plan = this.budget.check(2048 * MIB, 1, Long.MAX_VALUE);
		// 2048 − 102 headroom − 256 metaspace − 128 code cache − 68 stacks − 256 direct −
		// 128 overhead
		assertThat(plan.heap() / MIB).isBetween(1100L, 1115L);
		assertThat(plan.sparkOverhead()).isEqualTo(128 * MIB);
		assertThat(plan.jvmFlags()).contains("-Xmx" + plan.heap() / MIB + "m", "-XX:MaxMetaspaceSize=256m",
				"-XX:ReservedCodeCacheSize=128m", "-XX:MaxDirectMemorySize=256m", "-Xss1024k",
				"-XX:+ExitOnOutOfMemoryError");
	}

	@Test
	void largeHeapsGetProportionalOverhead() {
		MemoryPlan plan = this.budget.split(16384 * MIB, 8);
		assertThat(plan.sparkOverhead()).isEqualTo((long) (plan.heap() * 0.10));
	}

	@Test
	void tooLittleForSparkIsRefusedWithTheNumbers() {
		assertThatExceptionOfType(CorelakeException.class)
			.isThrownBy(() -> this.budget.check(1024 * MIB, 1, Long.MAX_VALUE))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode().code()).isEqualTo("JOB_MEMORY_BUDGET_EXCEEDED");
				assertThat(ex.getBody().getDetail()).contains("Asked for 1024 MiB")
					.contains("Spark needs at least 512 MiB of heap")
					.contains("ask for at least " + this.budget.minimumLimit(1) / MIB + " MiB")
					.contains("metaspace 256");
				assertThat(ex.getBody().getProperties()).containsKey("budgetMiB");
			});
	}

	@Test
	void minimumLimitIsTheSmallestThatWorks() {
		long minimum = this.budget.minimumLimit(1);
		assertThat(this.budget.split(minimum, 1).heap()).isGreaterThanOrEqualTo(512 * MIB);
		assertThat(this.budget.split(minimum - 2 * MIB, 1).heap()).isLessThan(512 * MIB);
		this.budget.check(minimum, 1, Long.MAX_VALUE);
	}

	@Test
	void moreThanAJobMayHaveIsRefused() {
		assertThatExceptionOfType(CorelakeException.class)
			.isThrownBy(() -> this.budget.check(32768 * MIB, 1, Long.MAX_VALUE))
			.satisfies((ex) -> assertThat(ex.getBody().getDetail()).contains("at most 16384 MiB"));
	}

	@Test
	void moreHeapThanTheRunnerHasIsRefused() {
		assertThatExceptionOfType(CorelakeException.class)
			.isThrownBy(() -> this.budget.check(8192 * MIB, 1, 1024 * MIB))
			.satisfies((ex) -> assertThat(ex.getBody().getDetail()).contains("at most 1024 MiB of heap"));
	}

	@Test
	void sizesAreReadInBinaryUnits() {
		assertThat(MemorySizes.parse("2g")).isEqualTo(2048 * MIB);
		assertThat(MemorySizes.parse("2Gi")).isEqualTo(2048 * MIB);
		assertThat(MemorySizes.parse("2GB")).isEqualTo(2048 * MIB);
		assertThat(MemorySizes.parse("1536m")).isEqualTo(1536 * MIB);
		assertThat(MemorySizes.parse("1024")).isEqualTo(1024);
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> MemorySizes.parse("lots"));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> MemorySizes.parse("999999999t"));
	}

	static ComputeProperties.Memory defaults() {
		return new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("corelake.compute.memory",
				Bindable.of(ComputeProperties.Memory.class));
	}

}
