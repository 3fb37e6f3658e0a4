package dev.corelake.compute.run;

import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.corelake.compute.job.ComputeJob;
import dev.corelake.compute.job.JobRepository;
import dev.corelake.compute.job.JobState;
import dev.corelake.compute.system.ComputeProperties.RunnerKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Finishes committing jobs: on start and then periodically, each job whose output is
 * committed but not yet registered (catalog-service was down, or the process stopped in
 * between) is committed and registered again, idempotently.
 *
 * @author Corelake
 */
public class CommitRecovery implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(CommitRecovery.class);

	private final JobRepository jobs;

	private final JobAttempt attempt;

	private final ScheduledExecutorService timer;

	private final long intervalMillis;

	private ScheduledFuture<?> task;

	/**
	 * Creates the recovery.
	 * @param jobs the job records
	 * @param attempt finishes a commit
	 * @param timer the scheduler
	 * @param intervalMillis time between two passes
	 */
	public CommitRecovery(JobRepository jobs, JobAttempt attempt, ScheduledExecutorService timer, long intervalMillis) {
		this.jobs = jobs;
		this.attempt = attempt;
		this.timer = timer;
		this.intervalMillis = intervalMillis;
	}

	/**
	 * One pass over the committing jobs.
	 */
	public void pass() {
		for (RunnerKind runner : RunnerKind.values()) {
			for (ComputeJob job : this.jobs.inStates(Set.of(JobState.COMMITTING), runner)) {
				try {
					this.attempt.finishCommit(job);
				}
				catch (RuntimeException ex) {
					logger.warn("Job {}: registration failed, will retry: {}", job.id(), ex.getMessage());
				}
			}
		}
	}

	@Override
	public synchronized void start() {
		this.task = this.timer.scheduleWithFixedDelay(this::pass, 0, this.intervalMillis, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.task != null) {
			this.task.cancel(false);
			this.task = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.task != null;
	}

}
