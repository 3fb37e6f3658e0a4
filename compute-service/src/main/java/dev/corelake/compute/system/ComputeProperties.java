package dev.corelake.compute.system;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * compute-service settings ({@code corelake.compute.*}).
 *
 * @param runner where jobs run: {@code local} (Spark in this JVM) or {@code kubernetes}
 * (a Kubernetes Job per compute job)
 * @param local the in-process runner
 * @param jobs limits and defaults of every job
 * @param memory the JVM memory budget a job's memory request is checked against
 * @param kubernetes the Kubernetes runner
 * @param reaper the clean-up of leftover pods and staging areas
 * @param worker set only in a job pod: the job it runs
 * @author Corelake
 */
@Validated
@ConfigurationProperties("corelake.compute")
public record ComputeProperties(@DefaultValue("local") @NotNull RunnerKind runner, @Valid @DefaultValue Local local,
		@Valid @DefaultValue Jobs jobs, @Valid @DefaultValue Memory memory, @Valid @DefaultValue Kubernetes kubernetes,
		@Valid @DefaultValue Reaper reaper, @Valid @DefaultValue Worker worker) {

	/** Where jobs run. */
	public enum RunnerKind {

		/** Spark {@code local[N]} inside compute-service. */
		LOCAL,

		/** A Kubernetes Job per compute job. */
		KUBERNETES

	}

	/**
	 * The in-process runner.
	 *
	 * @param cores Spark's {@code local[N]} threads; 0 means every available processor
	 * @param maxConcurrentJobs jobs running at once; later ones wait queued
	 * @param maxQueuedJobs queued jobs beyond which submissions are refused (429)
	 * @param serviceReserve heap kept for the service itself; the rest of the heap is
	 * what in-process jobs share
	 * @param spark extra Spark settings of the shared session
	 */
	public record Local(@DefaultValue("0") @Min(0) @Max(256) int cores,
			@DefaultValue("2") @Min(1) @Max(64) int maxConcurrentJobs,
			@DefaultValue("100") @Min(1) @Max(10_000) int maxQueuedJobs,
			@DefaultValue("256MB") @NotNull DataSize serviceReserve, @DefaultValue Map<String, String> spark) {
	}

	/**
	 * Limits and defaults of jobs.
	 *
	 * @param defaultTimeout timeout of a job that names none
	 * @param maxTimeout the longest timeout a job may ask for
	 * @param maxRetries most retries a job may ask for
	 * @param defaultCores cores of a job that names none
	 * @param defaultMemory memory of a job that names none
	 * @param maxLogLines log lines kept per job (older ones are dropped)
	 * @param commitRetryInterval how often the registration of committed outputs is
	 * retried while catalog-service cannot be reached
	 * @param progressFlushInterval how often running jobs' progress is written to the
	 * database
	 */
	public record Jobs(@DefaultValue("30m") @NotNull Duration defaultTimeout,
			@DefaultValue("24h") @NotNull Duration maxTimeout, @DefaultValue("3") @Min(0) @Max(10) int maxRetries,
			@DefaultValue("1") @Min(1) int defaultCores, @DefaultValue("2GB") @NotNull DataSize defaultMemory,
			@DefaultValue("500") @Min(10) @Max(100_000) int maxLogLines,
			@DefaultValue("10s") @NotNull Duration commitRetryInterval,
			@DefaultValue("1s") @NotNull Duration progressFlushInterval) {
	}

	/**
	 * The parts of a job JVM's memory besides the heap; a request is split into these and
	 * the heap, and refused when the heap left is below {@code minHeap} or the request is
	 * above {@code maxJobMemory}.
	 *
	 * @param metaspace {@code -XX:MaxMetaspaceSize} (Spark loads many classes)
	 * @param codeCache {@code -XX:ReservedCodeCacheSize}
	 * @param threadStack {@code -Xss}, counted once per expected thread
	 * @param baseThreads threads of a job JVM besides Spark's task threads
	 * @param threadsPerCore further threads per requested core
	 * @param directMemory {@code -XX:MaxDirectMemorySize} (Netty, Parquet buffers)
	 * @param sparkOverheadMin least native memory kept for Spark outside the JVM's own
	 * accounting (compression codecs, allocator arenas)
	 * @param sparkOverheadFraction that overhead as a share of the heap, when larger
	 * @param headroomFraction share of the limit left free
	 * @param minHeap the least heap Spark starts with (it refuses below about 450 MiB)
	 * @param maxJobMemory the most memory one job may ask for
	 * @param maxCores the most cores one job may ask for
	 */
	public record Memory(@DefaultValue("256MB") @NotNull DataSize metaspace,
			@DefaultValue("128MB") @NotNull DataSize codeCache, @DefaultValue("1MB") @NotNull DataSize threadStack,
			@DefaultValue("64") @Min(1) int baseThreads, @DefaultValue("4") @Min(0) int threadsPerCore,
			@DefaultValue("256MB") @NotNull DataSize directMemory,
			@DefaultValue("128MB") @NotNull DataSize sparkOverheadMin,
			@DefaultValue("0.10") double sparkOverheadFraction, @DefaultValue("0.05") double headroomFraction,
			@DefaultValue("512MB") @NotNull DataSize minHeap, @DefaultValue("16GB") @NotNull DataSize maxJobMemory,
			@DefaultValue("16") @Min(1) @Max(256) int maxCores) {
	}

	/**
	 * The Kubernetes runner.
	 *
	 * @param namespace namespace of the job pods
	 * @param image the compute image (the same one compute-service runs from)
	 * @param serviceAccount service account of the job pods (needs no Kubernetes API
	 * rights of its own)
	 * @param ttlAfterFinished {@code ttlSecondsAfterFinished} of each Job
	 * @param deadlineSlack added to a job's timeout for {@code activeDeadlineSeconds}
	 * (the job times itself out first; the deadline is the backstop)
	 * @param env environment of the job pods (database and lake settings), as plain
	 * values
	 * @param secretEnvFrom a Secret whose keys become environment variables of the pods
	 * (database password)
	 * @param executors Spark Kubernetes executors of jobs that ask for them
	 */
	public record Kubernetes(@DefaultValue("corelake-jobs") @NotBlank String namespace,
			@DefaultValue("corelake/compute-service:0.1.0") @NotBlank String image,
			@DefaultValue("corelake-job") @NotBlank String serviceAccount,
			@DefaultValue("10m") @NotNull Duration ttlAfterFinished,
			@DefaultValue("5m") @NotNull Duration deadlineSlack, @DefaultValue Map<String, String> env,
			String secretEnvFrom, @Valid @DefaultValue SparkExecutors executors) {
	}

	/**
	 * Spark Kubernetes executors: a job that asks for them runs its driver in its Job's
	 * pod with a {@code k8s://} master, under a service account that may manage pods in
	 * the jobs namespace; the executor pods run under the job pods' account, without a
	 * token.
	 *
	 * @param maxCount the most executor pods one job may ask for
	 * @param master the Kubernetes API as the driver reaches it (in-cluster)
	 * @param driverServiceAccount the service account of a driver pod
	 * (k8s/base/jobs.yaml: create, watch and delete pods in the jobs namespace, nothing
	 * else)
	 * @param driverPort the driver's RPC port (executors connect to the driver pod's IP)
	 * @param blockManagerPort the block manager port of the driver and the executors
	 */
	public record SparkExecutors(@DefaultValue("8") @Min(1) @Max(1024) int maxCount,
			@DefaultValue("k8s://https://kubernetes.default.svc") @NotBlank String master,
			@DefaultValue("corelake-spark-driver") @NotBlank String driverServiceAccount,
			@DefaultValue("7078") @Min(1024) @Max(65535) int driverPort,
			@DefaultValue("7079") @Min(1024) @Max(65535) int blockManagerPort) {
	}

	/**
	 * The reaper.
	 *
	 * @param enabled whether it runs (on startup, then every {@code interval})
	 * @param interval time between two sweeps
	 * @param finishedGrace a finished job's pods are kept this long for their logs
	 */
	public record Reaper(@DefaultValue("true") boolean enabled, @DefaultValue("5m") @NotNull Duration interval,
			@DefaultValue("2m") @NotNull Duration finishedGrace) {
	}

	/**
	 * Set in a job pod only.
	 *
	 * @param jobId the job this process runs, then exits
	 * @param executorPodTemplate the executor pod template (YAML) when the job runs Spark
	 * Kubernetes executors: written to a file that
	 * {@code spark.kubernetes.executor.podTemplateFile} names
	 */
	public record Worker(String jobId, String executorPodTemplate) {
	}

}
