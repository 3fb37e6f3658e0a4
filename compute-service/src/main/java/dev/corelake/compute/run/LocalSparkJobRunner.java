package dev.corelake.compute.run;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.corelake.compute.job.ComputeJob;
import dev.corelake.compute.job.JobProgress;
import dev.corelake.compute.job.JobRepository;
import dev.corelake.compute.job.JobRunner;
import dev.corelake.compute.job.JobState;
import dev.corelake.compute.memory.JvmMemoryBudget;
import dev.corelake.compute.spark.JobProgressListener;
import dev.corelake.compute.system.ComputeProperties;
import dev.corelake.compute.system.ComputeProperties.RunnerKind;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.spark.SparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs jobs in this JVM on the shared SparkSession: at most
 * {@code corelake.compute.local.max-concurrent-jobs} at once (one worker thread each;
 * later jobs wait queued), and only while their heap fits what the running ones leave of
 * the in-process share. A cancel or timeout kills the job's Spark job group; the slot is
 * free as soon as the Spark work returns.
 * <p>
 * On start it takes over what a previous process left: running jobs died with it and are
 * queued again while retries are left (else failed), queued jobs are queued again.
 *
 * @author Corelake
 */
public class LocalSparkJobRunner implements JobRunner, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(LocalSparkJobRunner.class);

	private static final long MIB = 1024 * 1024;

	private final JobRepository jobs;

	private final JobAttempt attempt;

	private final SparkContext spark;

	private final JobProgressListener listener;

	private final JvmMemoryBudget budget;

	private final ScheduledExecutorService timer;

	private final long maxJobHeap;

	private final Semaphore heapMiB;

	private final ExecutorService workers;

	private final Map<String, StopHandle> running = new ConcurrentHashMap<>();

	private final long flushMillis;

	private volatile boolean started;

	/**
	 * Creates the runner.
	 * @param jobs the job records
	 * @param attempt runs a job
	 * @param spark the shared Spark context
	 * @param listener progress per job
	 * @param budget the memory budget
	 * @param properties settings
	 * @param timer the scheduler for timeouts and progress flushes
	 * @param meters metrics
	 */
	public LocalSparkJobRunner(JobRepository jobs, JobAttempt attempt, SparkContext spark, JobProgressListener listener,
			JvmMemoryBudget budget, ComputeProperties properties, ScheduledExecutorService timer,
			MeterRegistry meters) {
		this.jobs = jobs;
		this.attempt = attempt;
		this.spark = spark;
		this.listener = listener;
		this.budget = budget;
		this.timer = timer;
		this.maxJobHeap = Math.max(0, Runtime.getRuntime().maxMemory() - properties.local().serviceReserve().toBytes());
		this.heapMiB = new Semaphore((int) Math.max(1, this.maxJobHeap / MIB), true);
		int slots = properties.local().maxConcurrentJobs();
		AtomicInteger threads = new AtomicInteger();
		this.workers = new ThreadPoolExecutor(slots, slots, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(task) -> {
					Thread thread = new Thread(task, "corelake-compute-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		this.flushMillis = properties.jobs().progressFlushInterval().toMillis();
		meters.gauge("corelake.compute.jobs.running", this.running, Map::size);
	}

	@Override
	public RunnerKind kind() {
		return RunnerKind.LOCAL;
	}

	@Override
	public long maxJobHeap() {
		return this.maxJobHeap;
	}

	@Override
	public void submit(ComputeJob job) {
		this.workers.execute(() -> runQueued(job));
	}

	private void runQueued(ComputeJob job) {
		StopHandle stop = new StopHandle(this.spark::cancelJobGroup);
		if (this.running.putIfAbsent(job.id(), stop) != null) {
			return;
		}
		int heap = (int) Math.max(1,
				Math.min(this.budget.split(job.memoryBytes(), job.cores()).heap(), this.maxJobHeap) / MIB);
		boolean acquired = false;
		try {
			this.heapMiB.acquire(heap);
			acquired = true;
			this.attempt.run(job.id(), stop);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.error("Job {} could not be run", job.id(), ex);
			this.jobs.transition(job.id(), Set.of(JobState.QUEUED, JobState.RUNNING), JobState.FAILED, "INTERNAL_ERROR",
					"compute-service could not run the job: " + ex.getClass().getSimpleName());
		}
		finally {
			if (acquired) {
				this.heapMiB.release(heap);
			}
			this.running.remove(job.id());
			this.jobs.progress(job.id(), this.listener.progress(job.sparkGroup()));
			this.listener.forget(job.sparkGroup());
		}
	}

	@Override
	public void cancel(ComputeJob job) {
		StopHandle stop = this.running.get(job.id());
		if (stop != null) {
			stop.stop(StopHandle.Reason.CANCELLED);
		}
		else {
			this.jobs.transition(job.id(), Set.of(JobState.QUEUED, JobState.RUNNING), JobState.CANCELLED, "CANCELLED",
					"Cancelled");
		}
	}

	@Override
	public JobProgress progress(ComputeJob job) {
		return this.listener.progress(job.sparkGroup());
	}

	private void flush() {
		this.running.forEach((id, stop) -> {
			// a Spark job started right after a kill is killed again here
			if (stop.isStopped() && this.listener.isActive("corelake-" + id)) {
				stop.kill();
			}
			this.jobs.progress(id, this.listener.progress("corelake-" + id));
		});
	}

	@Override
	public void start() {
		recover();
		this.timer.scheduleWithFixedDelay(this::flush, this.flushMillis, this.flushMillis, TimeUnit.MILLISECONDS);
		this.started = true;
	}

	private void recover() {
		List<ComputeJob> leftovers = this.jobs.inStates(Set.of(JobState.RUNNING, JobState.QUEUED), RunnerKind.LOCAL);
		for (ComputeJob job : leftovers) {
			if (job.state() == JobState.RUNNING) {
				boolean retry = job.attempt() <= job.maxRetries();
				JobState next = retry ? JobState.QUEUED : JobState.FAILED;
				if (this.jobs.transition(job.id(), Set.of(JobState.RUNNING), next, "SERVICE_RESTARTED",
						"compute-service stopped while attempt " + job.attempt() + " ran")) {
					this.jobs.log(job.id(), "WARN", "compute-service restarted during attempt " + job.attempt()
							+ (retry ? "; queued again" : "; no retries left"));
				}
				if (!retry) {
					continue;
				}
			}
			logger.info("Job {} queued again after a restart", job.id());
			submit(job);
		}
	}

	@Override
	public void stop() {
		this.started = false;
		this.running.values().forEach((stop) -> stop.stop(StopHandle.Reason.SHUTDOWN));
		this.workers.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.started;
	}

}
