package dev.corelake.compute.kubernetes;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.corelake.compute.job.JobRepository;
import dev.corelake.compute.job.JobState;
import dev.corelake.compute.run.JobAttempt;
import dev.corelake.compute.run.StopHandle;
import dev.corelake.compute.spark.JobProgressListener;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

/**
 * The entry point of a job pod: the compute image started with
 * {@code --corelake.compute.worker.job-id=<id>} (no web server) runs that one job through
 * {@link JobAttempt}, exactly as the in-process runner does, against the same database
 * and lake, writes its progress every second, and exits 0 when the job succeeded or is
 * committing (registration then finishes in compute-service), 1 otherwise. SIGTERM (the
 * pod deleted by a cancel) stops the Spark work; compute-service records the cancel.
 *
 * @author Corelake
 */
public class PodWorker implements ApplicationRunner, ExitCodeGenerator {

	private static final Logger logger = LoggerFactory.getLogger(PodWorker.class);

	private final String jobId;

	private final JobAttempt attempt;

	private final JobRepository jobs;

	private final SparkSession spark;

	private final JobProgressListener progress;

	private final ScheduledExecutorService timer;

	private final StopHandle stop;

	private volatile int exitCode = 1;

	/**
	 * Creates the worker.
	 * @param jobId the job to run
	 * @param attempt runs it
	 * @param jobs the job records
	 * @param spark the session
	 * @param progress progress per job
	 * @param timer the scheduler
	 */
	public PodWorker(String jobId, JobAttempt attempt, JobRepository jobs, SparkSession spark,
			JobProgressListener progress, ScheduledExecutorService timer) {
		this.jobId = jobId;
		this.attempt = attempt;
		this.jobs = jobs;
		this.spark = spark;
		this.progress = progress;
		this.timer = timer;
		this.stop = new StopHandle(spark.sparkContext()::cancelJobGroup);
	}

	@Override
	public void run(ApplicationArguments args) {
		String group = "corelake-" + this.jobId;
		ScheduledFuture<?> flush = this.timer.scheduleWithFixedDelay(
				() -> this.jobs.progress(this.jobId, this.progress.progress(group)), 1, 1, TimeUnit.SECONDS);
		Optional<JobState> end;
		try {
			end = this.attempt.run(this.jobId, this.stop);
		}
		finally {
			flush.cancel(false);
			this.jobs.progress(this.jobId, this.progress.progress(group));
		}
		logger.info("Job {} ended {}", this.jobId, end.map(JobState::apiName).orElse("(no record)"));
		this.exitCode = end.filter((state) -> state == JobState.SUCCEEDED || state == JobState.COMMITTING).isPresent()
				? 0 : 1;
	}

	/**
	 * Stops the job's Spark work (the context is closing: SIGTERM).
	 */
	public void shutdown() {
		this.stop.stop(StopHandle.Reason.SHUTDOWN);
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
