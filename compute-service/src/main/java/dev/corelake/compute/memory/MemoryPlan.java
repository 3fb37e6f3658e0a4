package dev.corelake.compute.memory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a job JVM's memory limit is split. Every figure is in bytes; {@code limit} equals
 * the sum of the others.
 *
 * @param limit the memory asked for (the container limit on Kubernetes)
 * @param heap {@code -Xmx}
 * @param metaspace {@code -XX:MaxMetaspaceSize}
 * @param codeCache {@code -XX:ReservedCodeCacheSize}
 * @param threadStacks {@code threads × -Xss}
 * @param threads threads the stacks are counted for
 * @param threadStack {@code -Xss}
 * @param directMemory {@code -XX:MaxDirectMemorySize}
 * @param sparkOverhead native memory left for Spark outside the JVM's own accounting
 * @param headroom what stays free
 * @author Corelake
 */
public record MemoryPlan(long limit, long heap, long metaspace, long codeCache, long threadStacks, int threads,
		long threadStack, long directMemory, long sparkOverhead, long headroom) {

	private static final long MIB = 1024 * 1024;

	/**
	 * The JVM flags that keep the process inside the limit.
	 * @return the flags, heap first
	 */
	public List<String> jvmFlags() {
		List<String> flags = new ArrayList<>();
		flags.add("-Xmx" + mib(this.heap) + "m");
		flags.add("-Xms" + mib(this.heap) + "m");
		flags.add("-XX:MaxMetaspaceSize=" + mib(this.metaspace) + "m");
		flags.add("-XX:ReservedCodeCacheSize=" + mib(this.codeCache) + "m");
		flags.add("-XX:MaxDirectMemorySize=" + mib(this.directMemory) + "m");
		flags.add("-Xss" + Math.max(1, this.threadStack / 1024) + "k");
		flags.add("-XX:+ExitOnOutOfMemoryError");
		return flags;
	}

	/**
	 * The split in MiB, for problem bodies and logs.
	 * @return part name to MiB, in a fixed order
	 */
	public Map<String, Long> inMib() {
		Map<String, Long> parts = new LinkedHashMap<>();
		parts.put("limit", mib(this.limit));
		parts.put("heap", mib(this.heap));
		parts.put("metaspace", mib(this.metaspace));
		parts.put("codeCache", mib(this.codeCache));
		parts.put("threadStacks", mib(this.threadStacks));
		parts.put("directMemory", mib(this.directMemory));
		parts.put("sparkOverhead", mib(this.sparkOverhead));
		parts.put("headroom", mib(this.headroom));
		return parts;
	}

	/**
	 * One line, e.g. for the detail of a problem.
	 * @return the split as text
	 */
	public String describe() {
		return "limit " + mib(this.limit) + " MiB = heap " + mib(this.heap) + " + metaspace " + mib(this.metaspace)
				+ " + code cache " + mib(this.codeCache) + " + thread stacks " + mib(this.threadStacks) + " ("
				+ this.threads + " threads) + direct memory " + mib(this.directMemory) + " + Spark overhead "
				+ mib(this.sparkOverhead) + " + headroom " + mib(this.headroom) + " MiB";
	}

	static long mib(long bytes) {
		return bytes / MIB;
	}

}
