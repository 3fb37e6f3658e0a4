package dev.corelake.compute.kubernetes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.corelake.compute.job.ComputeJob;
import dev.corelake.compute.job.JobRepository;
import dev.corelake.compute.run.JobAttempt;
import dev.corelake.compute.system.ComputeProperties;
import dev.corelake.lake.Lake;
import dev.corelake.lake.StagingEntry;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Removes what compute jobs leave behind, on startup and then periodically: Kubernetes
 * Jobs, job pods and Spark executor pods labelled as Corelake's compute jobs whose job
 * record is missing or finished (a finished one after a grace period, for its logs), and
 * lake staging areas of compute runs whose record is missing, finished or on a later
 * attempt and whose lease has expired. A job whose record is not finished is never
 * touched. Counts go to the {@code corelake.compute.reaper.deleted} counter (tag
 * {@code kind}) and the log.
 *
 * @author Corelake
 */
public class ComputeReaper implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ComputeReaper.class);

	private static final Pattern RUN_ID = Pattern
		.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-([0-9]+)");

	private final KubernetesClient client;

	private final Lake lake;

	private final JobRepository jobs;

	private final ComputeProperties properties;

	private final Duration leaseTtl;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ScheduledExecutorService timer;

	private ScheduledFuture<?> task;

	/**
	 * Creates the reaper.
	 * @param client the Kubernetes client, or {@code null} when jobs run in-process
	 * @param lake the lake
	 * @param jobs the job records
	 * @param properties settings
	 * @param leaseTtl the staging lease time-to-live
	 * @param clock the clock
	 * @param meters metrics
	 * @param timer the scheduler
	 */
	public ComputeReaper(KubernetesClient client, Lake lake, JobRepository jobs, ComputeProperties properties,
			Duration leaseTtl, Clock clock, MeterRegistry meters, ScheduledExecutorService timer) {
		this.client = client;
		this.lake = lake;
		this.jobs = jobs;
		this.properties = properties;
		this.leaseTtl = leaseTtl;
		this.clock = clock;
		this.meters = meters;
		this.timer = timer;
	}

	/**
	 * One sweep.
	 * @return what was deleted
	 */
	public Result sweep() {
		int jobsDeleted = 0;
		int podsDeleted = 0;
		int executorPodsDeleted = 0;
		if (this.client != null) {
			String namespace = this.properties.kubernetes().namespace();
			for (Job job : this.client.batch()
				.v1()
				.jobs()
				.inNamespace(namespace)
				.withLabels(JobPodSpecs.selector())
				.list()
				.getItems()) {
				if (isLeftover(job)) {
					this.client.batch().v1().jobs().inNamespace(namespace).resource(job).delete();
					jobsDeleted++;
					deleted("job", job);
				}
			}
			for (Pod pod : this.client.pods()
				.inNamespace(namespace)
				.withLabels(JobPodSpecs.selector())
				.list()
				.getItems()) {
				if (isLeftover(pod)) {
					this.client.pods().inNamespace(namespace).resource(pod).delete();
					podsDeleted++;
					deleted("pod", pod);
				}
			}
			// Spark executor pods: owned by their driver pod (collected with it), but one
			// whose driver is gone before the owner reference was set, or left by a
			// cluster whose garbage collector lags, would run on
			for (Pod pod : this.client.pods()
				.inNamespace(namespace)
				.withLabels(JobPodSpecs.executorSelector())
				.list()
				.getItems()) {
				if (isLeftover(pod)) {
					this.client.pods().inNamespace(namespace).resource(pod).delete();
					executorPodsDeleted++;
					deleted("executor-pod", pod);
				}
			}
		}
		int stagingDeleted = 0;
		Instant now = this.clock.instant();
		for (StagingEntry area : this.lake.stagingAreas()) {
			if (JobAttempt.STAGING_OWNER.equals(area.owner()) && !area.isLive(now, this.leaseTtl)
					&& isDeadRun(area.runId())) {
				this.lake.delete(area.path());
				stagingDeleted++;
				this.meters.counter("corelake.compute.reaper.deleted", "kind", "staging").increment();
				logger.info("Reaper: deleted staging area {} of a dead compute run", area.path());
			}
		}
		return new Result(jobsDeleted, podsDeleted, executorPodsDeleted, stagingDeleted);
	}

	private boolean isLeftover(HasMetadata object) {
		String jobId = (object.getMetadata().getLabels() != null)
				? object.getMetadata().getLabels().get(JobPodSpecs.JOB_ID) : null;
		if (jobId == null) {
			// labelled as ours but naming no job: nothing can own it
			return true;
		}
		Optional<ComputeJob> job = this.jobs.find(jobId);
		if (job.isEmpty()) {
			return true;
		}
		if (!job.get().state().isFinished()) {
			return false;
		}
		Instant finished = job.get().finishedAt();
		return finished == null
				|| finished.plus(this.properties.reaper().finishedGrace()).isBefore(this.clock.instant());
	}

	private boolean isDeadRun(String runId) {
		Matcher matcher = RUN_ID.matcher(runId);
		if (!matcher.matches()) {
			return true;
		}
		Optional<ComputeJob> job = this.jobs.find(matcher.group(1));
		if (job.isEmpty() || job.get().state().isFinished()) {
			return true;
		}
		// an earlier attempt of a job that is running again
		return job.get().attempt() != Integer.parseInt(matcher.group(2));
	}

	private void deleted(String kind, HasMetadata object) {
		this.meters.counter("corelake.compute.reaper.deleted", "kind", kind).increment();
		logger.info("Reaper: deleted {} {} (its compute job is finished or gone)", kind,
				object.getMetadata().getName());
	}

	private void safeSweep() {
		try {
			Result result = sweep();
			if (result.total() > 0) {
				logger.info("Reaper: {}", result);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Reaper sweep failed, next one in {}: {}", this.properties.reaper().interval(),
					ex.getMessage());
		}
	}

	@Override
	public synchronized void start() {
		long interval = this.properties.reaper().interval().toMillis();
		this.task = this.timer.scheduleWithFixedDelay(this::safeSweep, 0, interval, TimeUnit.MILLISECONDS);
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

	/**
	 * What one sweep deleted.
	 *
	 * @param jobs Kubernetes Jobs
	 * @param pods job pods
	 * @param executorPods Spark executor pods
	 * @param stagingAreas lake staging areas
	 */
	public record Result(int jobs, int pods, int executorPods, int stagingAreas) {

		int total() {
			return this.jobs + this.pods + this.executorPods + this.stagingAreas;
		}

	}

}
