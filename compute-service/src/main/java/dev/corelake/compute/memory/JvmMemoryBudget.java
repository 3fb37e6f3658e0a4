package dev.corelake.compute.memory;

import java.util.Map;

import dev.corelake.compute.system.ComputeErrorCode;
import dev.corelake.compute.system.ComputeProperties;
import dev.corelake.errors.CorelakeException;

/**
 * Splits a job's memory request into heap and everything else a JVM running Spark uses,
 * and refuses a request that cannot work: one whose heap would fall below Spark's
 * minimum, or one above what this service may give a job. The same split gives a job pod
 * its JVM flags, so the heap is derived from the container limit, never guessed.
 * <p>
 * {@code limit = heap + metaspace + codeCache + threads × stack + direct + overhead + headroom},
 * with {@code overhead = max(overheadMin, overheadFraction × heap)} and
 * {@code headroom = headroomFraction × limit}.
 *
 * @author Corelake
 */
public class JvmMemoryBudget {

	private final ComputeProperties.Memory settings;

	/**
	 * Creates the budget.
	 * @param settings the sizes of the parts besides the heap
	 */
	public JvmMemoryBudget(ComputeProperties.Memory settings) {
		this.settings = settings;
	}

	/**
	 * Splits a request, without judging it.
	 * @param limit the memory asked for, in bytes
	 * @param cores the cores asked for
	 * @return the split; its heap may be negative when the limit is too small
	 */
	public MemoryPlan split(long limit, int cores) {
		int threads = this.settings.baseThreads() + this.settings.threadsPerCore() * cores;
		long stack = this.settings.threadStack().toBytes();
		long fixed = this.settings.metaspace().toBytes() + this.settings.codeCache().toBytes() + threads * stack
				+ this.settings.directMemory().toBytes();
		long headroom = (long) (limit * this.settings.headroomFraction());
		long available = limit - headroom - fixed;
		long overheadMin = this.settings.sparkOverheadMin().toBytes();
		double fraction = this.settings.sparkOverheadFraction();
		long heap = (long) (available / (1 + fraction));
		long overhead = (long) (heap * fraction);
		if (overhead < overheadMin) {
			overhead = overheadMin;
			heap = available - overheadMin;
		}
		// rounding goes to the headroom, so that the parts add up to the limit exactly
		headroom = limit - heap - fixed - overhead;
		return new MemoryPlan(limit, heap, this.settings.metaspace().toBytes(), this.settings.codeCache().toBytes(),
				threads * stack, threads, stack, this.settings.directMemory().toBytes(), overhead, headroom);
	}

	/**
	 * Splits a request and checks it.
	 * @param limit the memory asked for, in bytes
	 * @param cores the cores asked for
	 * @param maxHeap the most heap this service may give the job (its in-process share or
	 * the pod maximum), or {@code Long.MAX_VALUE}
	 * @return the split
	 * @throws CorelakeException 400 {@code JOB_MEMORY_BUDGET_EXCEEDED} explaining the
	 * numbers
	 */
	public MemoryPlan check(long limit, int cores, long maxHeap) {
		return check("", limit, cores, maxHeap);
	}

	/**
	 * Splits a request and checks it, naming what it is for in any refusal.
	 * @param subject put before the refusal's detail (e.g. {@code "Each executor: "})
	 * @param limit the memory asked for, in bytes
	 * @param cores the cores asked for
	 * @param maxHeap the most heap this service may give it, or {@code Long.MAX_VALUE}
	 * @return the split
	 * @throws CorelakeException 400 {@code JOB_MEMORY_BUDGET_EXCEEDED} explaining the
	 * numbers
	 */
	public MemoryPlan check(String subject, long limit, int cores, long maxHeap) {
		try {
			return checked(limit, cores, maxHeap);
		}
		catch (CorelakeException ex) {
			if (subject.isEmpty()) {
				throw ex;
			}
			throw refused(split(limit, cores), subject + ex.getBody().getDetail());
		}
	}

	private MemoryPlan checked(long limit, int cores, long maxHeap) {
		MemoryPlan plan = split(limit, cores);
		long minHeap = this.settings.minHeap().toBytes();
		long maxLimit = this.settings.maxJobMemory().toBytes();
		if (limit > maxLimit) {
			throw refused(plan, "A job may ask for at most " + MemoryPlan.mib(maxLimit) + " MiB; asked for "
					+ MemoryPlan.mib(limit) + " MiB.");
		}
		if (plan.heap() < minHeap) {
			throw refused(plan,
					"Asked for " + MemoryPlan.mib(limit) + " MiB, which leaves a heap of " + MemoryPlan.mib(plan.heap())
							+ " MiB; Spark needs at least " + MemoryPlan.mib(minHeap)
							+ " MiB of heap, so ask for at least " + MemoryPlan.mib(minimumLimit(cores)) + " MiB ("
							+ plan.describe() + ").");
		}
		// the platform's one formula (also used by the manifest checks) must agree that
		// the
		// derived flags fit the limit; the split above adds Spark's native overhead on
		// top
		dev.corelake.platform.memory.JvmMemoryBudget platform = dev.corelake.platform.memory.JvmMemoryBudget.of(limit,
				plan.jvmFlags(), plan.threads());
		if (!platform.fits()) {
			throw refused(plan, "The JVM flags derived from " + MemoryPlan.mib(limit)
					+ " MiB do not fit it by the platform's formula: " + platform.describe() + ".");
		}
		if (plan.heap() > maxHeap) {
			throw refused(plan,
					"Asked for " + MemoryPlan.mib(limit) + " MiB, which means a heap of " + MemoryPlan.mib(plan.heap())
							+ " MiB; jobs running in this service can get at most " + MemoryPlan.mib(maxHeap)
							+ " MiB of heap (" + plan.describe() + ").");
		}
		return plan;
	}

	/**
	 * The smallest request whose heap reaches the minimum.
	 * @param cores the cores asked for
	 * @return the limit in bytes, rounded up to a whole MiB
	 */
	public long minimumLimit(int cores) {
		long mib = 1024 * 1024;
		long low = this.settings.minHeap().toBytes();
		long high = this.settings.maxJobMemory().toBytes() * 4;
		while (high - low > mib) {
			long middle = low + (high - low) / 2;
			if (split(middle, cores).heap() >= this.settings.minHeap().toBytes()) {
				high = middle;
			}
			else {
				low = middle;
			}
		}
		return (high + mib - 1) / mib * mib;
	}

	private static CorelakeException refused(MemoryPlan plan, String detail) {
		return new CorelakeException(ComputeErrorCode.JOB_MEMORY_BUDGET_EXCEEDED, detail).with("budgetMiB",
				Map.copyOf(plan.inMib()));
	}

}
