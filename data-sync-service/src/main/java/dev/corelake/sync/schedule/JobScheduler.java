package dev.corelake.sync.schedule;

import java.time.Clock;
import java.time.Instant;

import dev.corelake.errors.CorelakeException;
import dev.corelake.sync.job.Job;
import dev.corelake.sync.job.JobRepository;
import dev.corelake.sync.job.JobSchedule;
import dev.corelake.sync.run.RunService;
import dev.corelake.sync.system.SyncErrorCode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Queues a run for every job whose schedule is due. Firing is a compare-and-set on the
 * job's next firing time in the shared database: of several replicas looking at the same
 * due job, exactly one moves the time on and queues the run. A job that still has an
 * unfinished run skips that firing. Firings missed while no instance ran are made up
 * once, not once per missed time.
 *
 * @author Corelake
 */
@Component
public class JobScheduler {

	/** Who scheduled runs are requested by. */
	public static final String REQUESTER = "scheduler";

	private static final Log logger = LogFactory.getLog(JobScheduler.class);

	private final JobRepository jobs;

	private final RunService runs;

	private final Clock clock;

	JobScheduler(JobRepository jobs, RunService runs, Clock clock) {
		this.jobs = jobs;
		this.runs = runs;
		this.clock = clock;
	}

	/**
	 * Fires the due schedules.
	 * @return how many runs this instance queued
	 */
	public int fireDue() {
		Instant now = this.clock.instant();
		int queued = 0;
		for (Job job : this.jobs.due(now)) {
			Instant next = JobSchedule.next(job.schedule(), now);
			if (!this.jobs.advanceSchedule(job.id(), job.nextFireAt(), next)) {
				continue; // another instance fired it
			}
			try {
				this.runs.queue(job, RunService.SCHEDULE, REQUESTER);
				queued++;
			}
			catch (CorelakeException ex) {
				if (ex.getErrorCode() != SyncErrorCode.RUN_ALREADY_ACTIVE) {
					throw ex;
				}
				logger.info("Job " + job.name() + " still has an unfinished run; skipped its scheduled run of "
						+ job.nextFireAt());
			}
		}
		return queued;
	}

}
