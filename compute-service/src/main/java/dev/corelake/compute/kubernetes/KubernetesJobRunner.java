package dev.corelake.compute.kubernetes;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import dev.corelake.compute.job.ComputeJob;
import dev.corelake.compute.job.JobRepository;
import dev.corelake.compute.job.JobRunner;
import dev.corelake.compute.job.JobState;
import dev.corelake.compute.memory.JvmMemoryBudget;
import dev.corelake.compute.memory.MemoryPlan;
import dev.corelake.compute.system.ComputeProperties;
import dev.corelake.compute.system.ComputeProperties.RunnerKind;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs each compute job as a Kubernetes Job (see {@link JobPodSpecs}); the pod runs the
 * job by id against the same database and lake ({@link PodWorker}) and records its own
 * progress and outcome. This runner watches the job pods and records what the pod cannot:
 * a pod that failed or ended without finishing its job (OOMKilled, evicted, deadline)
 * fails the job, or times it out. Cancel deletes the Job and its pods, the Spark executor
 * pods of a job that runs them included (they carry the job id label). An executor pod
 * that fails does not fail the job: Spark replaces it, and the driver's pod reports the
 * outcome.
 *
 * @author Corelake
 */
public class KubernetesJobRunner implements JobRunner, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(KubernetesJobRunner.class);

	private static final Set<JobState> UNFINISHED = Set.of(JobState.QUEUED, JobState.RUNNING);

	private final KubernetesClient client;

	private final JobRepository jobs;

	private final JvmMemoryBudget budget;

	private final ComputeProperties properties;

	private final MeterRegistry meters;

	private Watch watch;

	/**
	 * Creates the runner.
	 * @param client the Kubernetes client
	 * @param jobs the job records
	 * @param budget the memory budget (pod JVM flags)
	 * @param properties settings
	 * @param meters metrics
	 */
	public KubernetesJobRunner(KubernetesClient client, JobRepository jobs, JvmMemoryBudget budget,
			ComputeProperties properties, MeterRegistry meters) {
		this.client = client;
		this.jobs = jobs;
		this.budget = budget;
		this.properties = properties;
		this.meters = meters;
	}

	@Override
	public RunnerKind kind() {
		return RunnerKind.KUBERNETES;
	}

	@Override
	public long maxJobHeap() {
		return Long.MAX_VALUE;
	}

	@Override
	public void submit(ComputeJob job) {
		MemoryPlan plan = this.budget.split(job.memoryBytes(), job.cores());
		MemoryPlan executorPlan = (job.executors() != null)
				? this.budget.split(job.executors().memoryBytes(), job.executors().cores()) : null;
		String namespace = this.properties.kubernetes().namespace();
		try {
			if (this.client.batch()
				.v1()
				.jobs()
				.inNamespace(namespace)
				.withName(JobPodSpecs.name(job.id()))
				.get() == null) {
				this.client.batch()
					.v1()
					.jobs()
					.inNamespace(namespace)
					.resource(JobPodSpecs.of(job, plan, executorPlan, this.properties.kubernetes()))
					.create();
				this.meters.counter("corelake.compute.kubernetes.jobs.created").increment();
			}
			this.jobs.log(job.id(), "INFO", "Kubernetes Job " + JobPodSpecs.name(job.id()) + " created in " + namespace
					+ " (" + plan.describe() + ")");
			if (executorPlan != null) {
				this.jobs.log(job.id(), "INFO",
						"Its Spark driver runs " + job.executors().count() + " Kubernetes executor pods of "
								+ job.executors().cores() + " cores each (" + executorPlan.describe() + ")");
			}
		}
		catch (KubernetesClientException ex) {
			logger.warn("Job {}: cannot create its Kubernetes Job: {}", job.id(), ex.getMessage());
			this.jobs.transition(job.id(), Set.of(JobState.QUEUED), JobState.FAILED, "KUBERNETES_REFUSED",
					"Kubernetes refused the job's pod: " + ex.getStatus().getMessage());
		}
	}

	@Override
	public void cancel(ComputeJob job) {
		deleteJob(job.id());
		if (this.jobs.transition(job.id(), UNFINISHED, JobState.CANCELLED, "CANCELLED",
				"Cancelled; its pod was deleted")) {
			this.jobs.log(job.id(), "WARN", "Cancelled; Kubernetes Job " + JobPodSpecs.name(job.id()) + " deleted");
		}
	}

	/**
	 * Deletes a job's Kubernetes Job and its pods: the driver (or {@code local[N]}) pod
	 * and any Spark executor pods, all labelled with the job id.
	 * @param jobId the compute job id
	 */
	void deleteJob(String jobId) {
		String namespace = this.properties.kubernetes().namespace();
		this.client.batch()
			.v1()
			.jobs()
			.inNamespace(namespace)
			.withName(JobPodSpecs.name(jobId))
			.withPropagationPolicy(DeletionPropagation.BACKGROUND)
			.delete();
		// executor pods are owned by the driver pod and collected with it; deleting them
		// here as well stops them now and does not depend on the garbage collector
		// the garbage collector removes them too; deleting them now stops the work now
		// (one
		// by one: the service account may delete pods, not collections of them)
		for (Pod pod : this.client.pods()
			.inNamespace(namespace)
			.withLabel(JobPodSpecs.JOB_ID, jobId)
			.list()
			.getItems()) {
			this.client.pods().inNamespace(namespace).resource(pod).delete();
		}
	}

	@Override
	public List<String> externalLogs(ComputeJob job) {
		try {
			List<Pod> pods = this.client.pods()
				.inNamespace(this.properties.kubernetes().namespace())
				.withLabel(JobPodSpecs.JOB_ID, job.id())
				.list()
				.getItems();
			if (pods.isEmpty()) {
				return List.of();
			}
			String log = this.client.pods()
				.inNamespace(this.properties.kubernetes().namespace())
				.withName(pods.get(0).getMetadata().getName())
				.tailingLines(200)
				.getLog();
			return (log != null) ? Arrays.asList(log.split("\n")) : List.of();
		}
		catch (KubernetesClientException ex) {
			return List.of("(pod log unavailable: " + ex.getCode() + ")");
		}
	}

	/**
	 * Records what a pod's state says about its job.
	 * @param pod the pod
	 */
	void onPod(Pod pod) {
		String jobId = (pod.getMetadata().getLabels() != null) ? pod.getMetadata().getLabels().get(JobPodSpecs.JOB_ID)
				: null;
		if (jobId == null || pod.getStatus() == null) {
			return;
		}
		ComputeJob job = this.jobs.find(jobId).orElse(null);
		if (job == null || !UNFINISHED.contains(job.state())) {
			return;
		}
		String phase = pod.getStatus().getPhase();
		String reason = pod.getStatus().getReason();
		if ("DeadlineExceeded".equals(reason)) {
			String message = "The pod ran past its deadline of " + job.timeoutSeconds() + " s; nothing was committed";
			if (this.jobs.transition(jobId, UNFINISHED, JobState.TIMED_OUT, "TIMED_OUT", message)) {
				this.jobs.log(jobId, "WARN", message);
			}
		}
		else if ("Failed".equals(phase) || "Succeeded".equals(phase)) {
			String why = terminated(pod);
			String message = "Pod " + pod.getMetadata().getName() + " ended (" + phase + ", " + why
					+ ") without finishing the job";
			if (this.jobs.transition(jobId, UNFINISHED, JobState.FAILED, "POD_FAILED", message)) {
				this.jobs.log(jobId, "ERROR", message);
				this.meters.counter("corelake.compute.kubernetes.pods.failed").increment();
			}
		}
		else if ("Pending".equals(phase) && reason != null) {
			this.jobs.log(jobId, "WARN", "Pod pending: " + reason);
		}
	}

	private static String terminated(Pod pod) {
		if (pod.getStatus().getContainerStatuses() != null) {
			for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
				ContainerStateTerminated end = (status.getState() != null) ? status.getState().getTerminated() : null;
				if (end != null) {
					return ((end.getReason() != null) ? end.getReason() : "terminated") + ", exit code "
							+ end.getExitCode();
				}
			}
		}
		return (pod.getStatus().getReason() != null) ? pod.getStatus().getReason() : "no exit status";
	}

	@Override
	public synchronized void start() {
		this.watch = this.client.pods()
			.inNamespace(this.properties.kubernetes().namespace())
			.withLabels(JobPodSpecs.selector())
			.watch(new Watcher<>() {

				@Override
				public void eventReceived(Action action, Pod pod) {
					if (action == Action.ADDED || action == Action.MODIFIED) {
						onPod(pod);
					}
				}

				@Override
				public void onClose(WatcherException cause) {
					// not recoverable by the client (e.g. 410 Gone): list again and watch
					// anew
					logger.warn("Watch of the compute job pods closed, watching again: {}", cause.getMessage());
					rewatch();
				}

			});
		// pods that changed while this process was not watching
		this.client.pods()
			.inNamespace(this.properties.kubernetes().namespace())
			.withLabels(JobPodSpecs.selector())
			.list()
			.getItems()
			.forEach(this::onPod);
	}

	private synchronized void rewatch() {
		if (this.watch != null) {
			this.watch = null;
			start();
		}
	}

	@Override
	public synchronized void stop() {
		if (this.watch != null) {
			this.watch.close();
			this.watch = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.watch != null;
	}

}
