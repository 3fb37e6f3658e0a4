package dev.corelake.sync.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

import dev.corelake.sync.system.BackpressureProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Back-pressure on heap use: the share of the maximum heap still in use after the last
 * garbage collection (what live data occupies, not garbage waiting to be collected).
 * Above the configured fraction, running pulls pause between batches and no new run
 * starts, so the heap drains before the JVM comes near its limit.
 *
 * @author Corelake
 */
public class HeapPressure {

	private final BackpressureProperties properties;

	private final DoubleSupplier gauge;

	private final Counter pauses;

	private final AtomicLong pausedMillis = new AtomicLong();

	private static final long CONFIRM_INTERVAL_NANOS = 5_000_000_000L;

	private volatile long lastConfirmation = System.nanoTime() - CONFIRM_INTERVAL_NANOS - 1;

	/**
	 * Creates the monitor.
	 * @param properties the threshold and pause
	 * @param gauge heap use after garbage collection, as a fraction of the maximum
	 * @param registry where the metrics go
	 */
	public HeapPressure(BackpressureProperties properties, DoubleSupplier gauge, MeterRegistry registry) {
		this.properties = properties;
		this.gauge = gauge;
		Gauge.builder("corelake.sync.heap.after-gc", gauge, DoubleSupplier::getAsDouble)
			.description("Heap in use after the last garbage collection, as a fraction of the maximum heap")
			.register(registry);
		this.pauses = Counter.builder("corelake.sync.backpressure.pauses")
			.description("Times a pull paused because of heap pressure")
			.register(registry);
		Gauge.builder("corelake.sync.backpressure.paused", this.pausedMillis, AtomicLong::get)
			.description("Milliseconds pulls have spent paused by heap pressure")
			.baseUnit("milliseconds")
			.register(registry);
	}

	/**
	 * Heap use after the last collection: the sum over heap pools of their usage after
	 * collection, over the maximum heap.
	 * @return the fraction, 0 when unknown
	 */
	public static double afterGcFraction() {
		long used = 0;
		long max = Runtime.getRuntime().maxMemory();
		for (MemoryPoolMXBean pool : HeapPools.POOLS) {
			if (pool.isValid()) {
				MemoryUsage usage = pool.getCollectionUsage();
				if (usage != null) {
					used += usage.getUsed();
				}
			}
		}
		return (max > 0) ? (double) used / max : 0.0;
	}

	/**
	 * Whether the heap is above the threshold now. Heap use after a young collection
	 * still counts old objects that died since the last old-generation collection, so a
	 * reading above the threshold is confirmed by a full collection (at most every few
	 * seconds) before it counts: only live data slows pulls down.
	 * @return {@code true} under pressure
	 */
	public boolean pressured() {
		if (this.gauge.getAsDouble() < this.properties.heapFraction()) {
			return false;
		}
		long now = System.nanoTime();
		if (now - this.lastConfirmation > CONFIRM_INTERVAL_NANOS) {
			this.lastConfirmation = now;
			System.gc();
		}
		return this.gauge.getAsDouble() >= this.properties.heapFraction();
	}

	/**
	 * Waits while the heap is under pressure.
	 * @param stop checked between waits: stop waiting when it answers {@code true}
	 * @throws InterruptedException when interrupted
	 */
	void awaitRelief(BooleanSupplier stop) throws InterruptedException {
		if (!pressured()) {
			return;
		}
		this.pauses.increment();
		long started = System.nanoTime();
		try {
			// paused pulls allocate little, so no collection may come to show that the
			// heap
			// has drained: pressured() asks for one now and then
			while (pressured() && !stop.getAsBoolean()) {
				Thread.sleep(this.properties.pause().toMillis());
			}
		}
		finally {
			this.pausedMillis.addAndGet((System.nanoTime() - started) / 1_000_000);
		}
	}

	/**
	 * The heap's memory pools, looked up once: asked for on every batch a run reads, the
	 * platform's lookup (a map of beans built each time) cost more than the reading.
	 */
	private static final class HeapPools {

		static final java.util.List<MemoryPoolMXBean> POOLS = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.toList();

	}

}
