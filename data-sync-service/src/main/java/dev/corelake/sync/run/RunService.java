package dev.corelake.sync.run;

import java.time.Clock;
import java.util.List;

import dev.corelake.errors.CorelakeException;
import dev.corelake.platform.web.PageResponse;
import dev.corelake.sync.job.Job;
import dev.corelake.sync.job.JobRepository;
import dev.corelake.sync.job.JobService;
import dev.corelake.sync.system.SyncAccess;
import dev.corelake.sync.system.SyncErrorCode;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues, reads and cancels runs. A job has at most one unfinished run at a time (checked
 * under the job's row lock), which keeps its high-water mark exact.
 *
 * @author Corelake
 */
@Service
public class RunService {

	/** Trigger of runs asked for through the API. */
	public static final String MANUAL = "MANUAL";

	/** Trigger of runs started by a job's schedule. */
	public static final String SCHEDULE = "SCHEDULE";

	private final RunRepository runs;

	private final JobRepository jobRepository;

	private final JobService jobs;

	private final SyncAccess access;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	RunService(RunRepository runs, JobRepository jobRepository, JobService jobs, SyncAccess access,
			ApplicationEventPublisher events, Clock clock) {
		this.runs = runs;
		this.jobRepository = jobRepository;
		this.jobs = jobs;
		this.access = access;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	Run start(String jobName) {
		Job job = this.jobs.getWritable(jobName);
		return queue(job, MANUAL, this.access.caller().name());
	}

	/**
	 * Queues a run of a job, unless it has an unfinished one.
	 * @param job the job
	 * @param trigger {@link #MANUAL} or {@link #SCHEDULE}
	 * @param requestedBy who asks
	 * @return the queued run
	 * @throws CorelakeException {@code RUN_ALREADY_ACTIVE} when the job has one
	 */
	@Transactional
	public Run queue(Job job, String trigger, String requestedBy) {
		this.jobRepository.lock(job.id());
		if (this.jobRepository.activeRuns(job.id()) > 0) {
			throw new CorelakeException(SyncErrorCode.RUN_ALREADY_ACTIVE,
					"Job '" + job.name() + "' already has a run that is queued, running or committing.");
		}
		Run run = this.runs.insert(job.id(), trigger, requestedBy, this.clock.instant());
		this.events.publishEvent(new RunQueuedEvent(run.id()));
		return run;
	}

	/**
	 * A run the caller may see.
	 * @param id its id
	 * @return the run
	 * @throws CorelakeException {@code RUN_NOT_FOUND} when absent or not readable
	 */
	public Run get(long id) {
		Run run = this.runs.findById(id).orElseThrow(() -> notFound(id));
		Job job = this.jobRepository.findById(run.jobId()).orElseThrow(() -> notFound(id));
		if (!this.access.caller().canRead(job.owner())) {
			throw notFound(id);
		}
		return run;
	}

	PageResponse<Run> list(String jobName, int page, int size) {
		Job job = this.jobs.get(jobName);
		return PageResponse.of(this.runs.pageByJob(job.id(), page * size, size), page, size,
				this.runs.countByJob(job.id()));
	}

	@Transactional
	Run cancel(long id) {
		Run run = get(id);
		Job job = this.jobRepository.findById(run.jobId()).orElseThrow(() -> notFound(id));
		if (!this.access.caller().canWrite(job.owner())) {
			throw new CorelakeException(dev.corelake.errors.CommonErrorCode.ACCESS_DENIED,
					"Only the owner of job '" + job.name() + "' or an administrator may cancel its runs.");
		}
		if (!this.runs.cancelQueued(id, this.clock.instant()) && !this.runs.requestCancel(id, this.clock.instant())) {
			throw new CorelakeException(SyncErrorCode.RUN_NOT_CANCELLABLE, "Run " + id + " is "
					+ this.runs.findById(id).map(Run::state).orElse(run.state()) + " and can no longer be cancelled.");
		}
		return this.runs.findById(id).orElseThrow();
	}

	List<RunLogLine> logs(long id, long after, int limit) {
		get(id);
		return this.runs.logs(id, after, limit);
	}

	private static CorelakeException notFound(long id) {
		return new CorelakeException(SyncErrorCode.RUN_NOT_FOUND, "Sync run " + id + " does not exist.");
	}

}
