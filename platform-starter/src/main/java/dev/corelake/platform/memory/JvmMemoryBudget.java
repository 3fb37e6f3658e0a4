package dev.corelake.platform.memory;

import java.util.List;
import java.util.Locale;

/**
 * The most memory a JVM can use in a container, from its options and the container's
 * memory limit: the heap (from {@code -Xmx} or {@code -XX:MaxRAMPercentage}) plus
 * metaspace, code cache, thread stacks, direct memory and a headroom for what no option
 * caps (GC structures, JIT arenas, malloc, symbol tables). When this total exceeds the
 * limit, the kernel kills the container before the JVM can report anything; the manifest
 * checks and compute-service's job sizing use this one formula to refuse such a setup.
 * <p>
 * Areas left to the JVM's defaults count with those defaults: 25% of the limit for the
 * heap, 240 MiB of code cache, 1 MiB per thread stack, and direct memory as large as the
 * heap. Metaspace has no default bound, so a budget without {@code -XX:MaxMetaspaceSize}
 * never fits.
 *
 * @param limitBytes the container's memory limit
 * @param heapBytes the maximum heap
 * @param metaspaceBytes the metaspace cap ({@code -1} when unbounded)
 * @param codeCacheBytes the reserved code cache
 * @param threadStackBytes stack size times the expected number of threads
 * @param directMemoryBytes the direct memory cap
 * @param headroomBytes what no option caps: 32 MiB plus 5% of the limit
 * @author Corelake
 */
public record JvmMemoryBudget(long limitBytes, long heapBytes, long metaspaceBytes, long codeCacheBytes,
		long threadStackBytes, long directMemoryBytes, long headroomBytes) {

	private static final long MIB = 1024 * 1024;

	/**
	 * The budget of a JVM started with these options in a container with this limit.
	 * Later options win over earlier ones, as on the {@code java} command line.
	 * @param limitBytes the container's memory limit
	 * @param options the JVM options (other options are ignored)
	 * @param threads how many threads the JVM is expected to run at most
	 * @return the budget
	 * @throws IllegalArgumentException if a size in an option cannot be read
	 */
	public static JvmMemoryBudget of(long limitBytes, List<String> options, int threads) {
		double percentage = 25;
		long xmx = -1;
		long metaspace = -1;
		long codeCache = 240 * MIB;
		long stack = MIB;
		long direct = -1;
		for (String option : options) {
			String value = option.substring(option.indexOf('=') + 1);
			if (option.startsWith("-XX:MaxRAMPercentage=")) {
				percentage = Double.parseDouble(value);
			}
			else if (option.startsWith("-Xmx")) {
				xmx = parseJvmSize(option.substring(4));
			}
			else if (option.startsWith("-XX:MaxHeapSize=")) {
				xmx = parseJvmSize(value);
			}
			else if (option.startsWith("-XX:MaxMetaspaceSize=")) {
				metaspace = parseJvmSize(value);
			}
			else if (option.startsWith("-XX:ReservedCodeCacheSize=")) {
				codeCache = parseJvmSize(value);
			}
			else if (option.startsWith("-Xss")) {
				stack = parseJvmSize(option.substring(4));
			}
			else if (option.startsWith("-XX:ThreadStackSize=")) {
				stack = parseJvmSize(value) * 1024;
			}
			else if (option.startsWith("-XX:MaxDirectMemorySize=")) {
				direct = parseJvmSize(value);
			}
		}
		long heap = (xmx >= 0) ? xmx : (long) (limitBytes * percentage / 100);
		return new JvmMemoryBudget(limitBytes, heap, metaspace, codeCache, stack * threads,
				(direct >= 0) ? direct : heap, 32 * MIB + limitBytes / 20);
	}

	/**
	 * The options string split on white space, as a shell passes it to {@code java}.
	 * @param options the options, e.g. the value of {@code JAVA_MEMORY_OPTS}
	 * @return the options one by one
	 */
	public static List<String> split(String options) {
		String trimmed = (options != null) ? options.trim() : "";
		return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
	}

	/**
	 * The largest whole {@code MaxRAMPercentage} with which these options still fit the
	 * limit (for sizing a pod from its limit), or 0 when even the areas outside the heap
	 * do not fit.
	 * @param limitBytes the container's memory limit
	 * @param options the other JVM options (any heap option among them is ignored)
	 * @param threads how many threads the JVM is expected to run at most
	 * @return the percentage, 0 to 100
	 */
	public static int largestHeapPercentage(long limitBytes, List<String> options, int threads) {
		List<String> withoutHeap = options.stream()
			.filter((option) -> !option.startsWith("-Xmx") && !option.startsWith("-XX:MaxHeapSize=")
					&& !option.startsWith("-XX:MaxRAMPercentage="))
			.toList();
		for (int percentage = 100; percentage > 0; percentage--) {
			List<String> candidate = new java.util.ArrayList<>(withoutHeap);
			candidate.add("-XX:MaxRAMPercentage=" + percentage);
			if (of(limitBytes, candidate, threads).fits()) {
				return percentage;
			}
		}
		return 0;
	}

	/**
	 * The most this JVM can use, or {@link Long#MAX_VALUE} when metaspace is unbounded.
	 * @return the total in bytes
	 */
	public long totalBytes() {
		if (this.metaspaceBytes < 0) {
			return Long.MAX_VALUE;
		}
		return this.heapBytes + this.metaspaceBytes + this.codeCacheBytes + this.threadStackBytes
				+ this.directMemoryBytes + this.headroomBytes;
	}

	/**
	 * Whether the JVM stays within the container's limit.
	 * @return {@code true} if the total is at most the limit
	 */
	public boolean fits() {
		return totalBytes() <= this.limitBytes;
	}

	/**
	 * The budget in words, for error messages.
	 * @return e.g.
	 * {@code heap 384 MiB + metaspace 160 MiB + ... = 758 MiB of a 768 MiB limit}
	 */
	public String describe() {
		String metaspace = (this.metaspaceBytes < 0) ? "unbounded (set -XX:MaxMetaspaceSize)"
				: mib(this.metaspaceBytes);
		String total = (this.metaspaceBytes < 0) ? "unbounded" : mib(totalBytes());
		return "heap " + mib(this.heapBytes) + " + metaspace " + metaspace + " + code cache " + mib(this.codeCacheBytes)
				+ " + thread stacks " + mib(this.threadStackBytes) + " + direct memory " + mib(this.directMemoryBytes)
				+ " + headroom " + mib(this.headroomBytes) + " = " + total + " of a " + mib(this.limitBytes) + " limit";
	}

	/**
	 * Reads a JVM size: bytes, or a number with {@code k}, {@code m}, {@code g} or
	 * {@code t} (either case, powers of 1024).
	 * @param text e.g. {@code 160m}
	 * @return the bytes
	 * @throws IllegalArgumentException if the text is not such a size
	 */
	public static long parseJvmSize(String text) {
		String value = text.trim().toLowerCase(Locale.ROOT);
		long factor = switch (value.isEmpty() ? ' ' : value.charAt(value.length() - 1)) {
			case 'k' -> 1024L;
			case 'm' -> MIB;
			case 'g' -> 1024 * MIB;
			case 't' -> 1024 * 1024 * MIB;
			default -> 1;
		};
		String digits = (factor == 1) ? value : value.substring(0, value.length() - 1);
		try {
			return Math.multiplyExact(Long.parseLong(digits), factor);
		}
		catch (NumberFormatException | ArithmeticException ex) {
			throw new IllegalArgumentException("Not a JVM size: '" + text + "'", ex);
		}
	}

	/**
	 * Reads a Kubernetes memory quantity: bytes, or a number with a binary ({@code Ki},
	 * {@code Mi}, {@code Gi}, {@code Ti}) or decimal ({@code k}, {@code M}, {@code G},
	 * {@code T}) suffix.
	 * @param text e.g. {@code 768Mi}
	 * @return the bytes (rounded down)
	 * @throws IllegalArgumentException if the text is not such a quantity
	 */
	public static long parseQuantity(String text) {
		String value = text.trim();
		String[] suffixes = { "Ki", "Mi", "Gi", "Ti", "k", "M", "G", "T" };
		double[] factors = { 1024d, MIB, 1024d * MIB, 1024d * 1024 * MIB, 1e3, 1e6, 1e9, 1e12 };
		for (int i = 0; i < suffixes.length; i++) {
			if (value.endsWith(suffixes[i])) {
				return (long) (number(value.substring(0, value.length() - suffixes[i].length()), text) * factors[i]);
			}
		}
		return (long) number(value, text);
	}

	private static double number(String digits, String text) {
		if (!digits.matches("[0-9]+(\\.[0-9]+)?")) {
			throw new IllegalArgumentException("Not a Kubernetes memory quantity: '" + text + "'");
		}
		return Double.parseDouble(digits);
	}

	private static String mib(long bytes) {
		return (bytes / MIB) + " MiB";
	}

}
