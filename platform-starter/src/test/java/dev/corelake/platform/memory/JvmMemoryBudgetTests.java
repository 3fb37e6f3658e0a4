package dev.corelake.platform.memory;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link JvmMemoryBudget}.
 *
 * @author Corelake
 */
class JvmMemoryBudgetTests {

	private static final long MIB = 1024 * 1024;

	private static final List<String> IMAGE_DEFAULTS = JvmMemoryBudget
		.split("-XX:MaxRAMPercentage=50 -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m "
				+ "-XX:MaxDirectMemorySize=32m -Xss1m");

	@Test
	void ofWhenEveryAreaIsCappedAddsThemUp() {
		JvmMemoryBudget budget = JvmMemoryBudget.of(768 * MIB, IMAGE_DEFAULTS, 50);
		assertThat(budget.heapBytes()).isEqualTo(384 * MIB);
		assertThat(budget.metaspaceBytes()).isEqualTo(160 * MIB);
		assertThat(budget.codeCacheBytes()).isEqualTo(64 * MIB);
		assertThat(budget.threadStackBytes()).isEqualTo(50 * MIB);
		assertThat(budget.directMemoryBytes()).isEqualTo(32 * MIB);
		// 32 MiB + 5% of 768 MiB
		assertThat(budget.headroomBytes()).isEqualTo(32 * MIB + 768 * MIB / 20);
		assertThat(budget.totalBytes()).isEqualTo((384 + 160 + 64 + 50 + 32 + 32) * MIB + 768 * MIB / 20);
		assertThat(budget.fits()).isTrue();
		assertThat(budget.describe()).isEqualTo("heap 384 MiB + metaspace 160 MiB + code cache 64 MiB + thread stacks "
				+ "50 MiB + direct memory 32 MiB + headroom 70 MiB = 760 MiB of a 768 MiB limit");
	}

	@Test
	void ofWhenTheAreasExceedTheLimitDoesNotFit() {
		JvmMemoryBudget budget = JvmMemoryBudget.of(512 * MIB, IMAGE_DEFAULTS, 80);
		assertThat(budget.totalBytes()).isGreaterThan(512 * MIB);
		assertThat(budget.fits()).isFalse();
	}

	@Test
	void ofWithoutMetaspaceCapNeverFits() {
		JvmMemoryBudget budget = JvmMemoryBudget.of(64L * 1024 * MIB, List.of("-XX:MaxRAMPercentage=10"), 10);
		assertThat(budget.metaspaceBytes()).isEqualTo(-1);
		assertThat(budget.totalBytes()).isEqualTo(Long.MAX_VALUE);
		assertThat(budget.fits()).isFalse();
		assertThat(budget.describe()).contains("metaspace unbounded (set -XX:MaxMetaspaceSize)")
			.contains("= unbounded of a 65536 MiB limit");
	}

	@Test
	void ofWithJvmDefaultsCountsTheDefaults() {
		JvmMemoryBudget budget = JvmMemoryBudget.of(1024 * MIB, List.of("-XX:MaxMetaspaceSize=100m"), 10);
		assertThat(budget.heapBytes()).isEqualTo(256 * MIB);
		assertThat(budget.codeCacheBytes()).isEqualTo(240 * MIB);
		assertThat(budget.threadStackBytes()).isEqualTo(10 * MIB);
		// direct memory defaults to the heap size
		assertThat(budget.directMemoryBytes()).isEqualTo(256 * MIB);
	}

	@Test
	void ofWhenOptionsRepeatTakesTheLast() {
		JvmMemoryBudget budget = JvmMemoryBudget.of(1024 * MIB, List.of("-XX:MaxRAMPercentage=50", "-Xmx300m",
				"-XX:MaxHeapSize=200m", "-Xss512k", "-XX:ThreadStackSize=2048", "-XX:MaxMetaspaceSize=1g"), 4);
		assertThat(budget.heapBytes()).isEqualTo(200 * MIB);
		assertThat(budget.threadStackBytes()).isEqualTo(4 * 2 * MIB);
		assertThat(budget.metaspaceBytes()).isEqualTo(1024 * MIB);
	}

	@Test
	void ofWithXmxIgnoresThePercentage() {
		JvmMemoryBudget budget = JvmMemoryBudget.of(1024 * MIB, List.of("-Xmx100m", "-XX:MaxRAMPercentage=90"), 1);
		assertThat(budget.heapBytes()).isEqualTo(100 * MIB);
	}

	@Test
	void largestHeapPercentageIsTheLastThatFits() {
		int percentage = JvmMemoryBudget.largestHeapPercentage(2048 * MIB, IMAGE_DEFAULTS, 100);
		assertThat(
				JvmMemoryBudget
					.of(2048 * MIB,
							List.of("-XX:MaxRAMPercentage=" + percentage, "-XX:MaxMetaspaceSize=160m",
									"-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=32m", "-Xss1m"),
							100)
					.fits())
			.isTrue();
		assertThat(
				JvmMemoryBudget
					.of(2048 * MIB,
							List.of("-XX:MaxRAMPercentage=" + (percentage + 1), "-XX:MaxMetaspaceSize=160m",
									"-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=32m", "-Xss1m"),
							100)
					.fits())
			.isFalse();
		assertThat(percentage).isEqualTo(76);
	}

	@Test
	void largestHeapPercentageWhenNothingFitsIsZero() {
		assertThat(JvmMemoryBudget.largestHeapPercentage(128 * MIB, IMAGE_DEFAULTS, 10)).isZero();
	}

	@Test
	void splitSplitsOnWhiteSpace() {
		assertThat(JvmMemoryBudget.split("  -Xss1m \t -XX:MaxRAMPercentage=50\n")).containsExactly("-Xss1m",
				"-XX:MaxRAMPercentage=50");
		assertThat(JvmMemoryBudget.split("  ")).isEmpty();
		assertThat(JvmMemoryBudget.split(null)).isEmpty();
	}

	@Test
	void parseJvmSizeReadsEverySuffix() {
		assertThat(JvmMemoryBudget.parseJvmSize("4096")).isEqualTo(4096);
		assertThat(JvmMemoryBudget.parseJvmSize("512k")).isEqualTo(512 * 1024);
		assertThat(JvmMemoryBudget.parseJvmSize("160M")).isEqualTo(160 * MIB);
		assertThat(JvmMemoryBudget.parseJvmSize("2g")).isEqualTo(2048 * MIB);
		assertThat(JvmMemoryBudget.parseJvmSize("1T")).isEqualTo(1024L * 1024 * MIB);
	}

	@Test
	void parseJvmSizeRefusesGarbage() {
		assertThatIllegalArgumentException().isThrownBy(() -> JvmMemoryBudget.parseJvmSize("lots"))
			.withMessage("Not a JVM size: 'lots'");
		assertThatIllegalArgumentException().isThrownBy(() -> JvmMemoryBudget.parseJvmSize(""));
		assertThatIllegalArgumentException().isThrownBy(() -> JvmMemoryBudget.parseJvmSize("99999999999999g"));
	}

	@Test
	void parseQuantityReadsBinaryAndDecimalSuffixes() {
		assertThat(JvmMemoryBudget.parseQuantity("768Mi")).isEqualTo(768 * MIB);
		assertThat(JvmMemoryBudget.parseQuantity("1.5Gi")).isEqualTo(1536 * MIB);
		assertThat(JvmMemoryBudget.parseQuantity("64Ki")).isEqualTo(64 * 1024);
		assertThat(JvmMemoryBudget.parseQuantity("1Ti")).isEqualTo(1024L * 1024 * MIB);
		assertThat(JvmMemoryBudget.parseQuantity("500M")).isEqualTo(500_000_000L);
		assertThat(JvmMemoryBudget.parseQuantity("2G")).isEqualTo(2_000_000_000L);
		assertThat(JvmMemoryBudget.parseQuantity("1k")).isEqualTo(1000);
		assertThat(JvmMemoryBudget.parseQuantity("3T")).isEqualTo(3_000_000_000_000L);
		assertThat(JvmMemoryBudget.parseQuantity("1048576")).isEqualTo(MIB);
	}

	@Test
	void parseQuantityRefusesGarbage() {
		assertThatIllegalArgumentException().isThrownBy(() -> JvmMemoryBudget.parseQuantity("512MB"))
			.withMessage("Not a Kubernetes memory quantity: '512MB'");
		assertThatIllegalArgumentException().isThrownBy(() -> JvmMemoryBudget.parseQuantity("-1Gi"));
	}

}
