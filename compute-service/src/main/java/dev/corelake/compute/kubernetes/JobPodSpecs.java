package dev.corelake.compute.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.corelake.compute.job.ComputeJob;
import dev.corelake.compute.memory.MemoryPlan;
import dev.corelake.compute.system.ComputeProperties;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

/**
 * The Kubernetes Job of a compute job: the compute image started in worker mode for that
 * one job id (of any kind: the pod reads what to run from the job's record), with
 * requests equal to limits (memory as asked, CPU as cores), the JVM flags derived from
 * the memory limit by the budget, Corelake's labels and owner annotation, a TTL after it
 * finishes, a deadline, no restarts (retries are the job's own), and the restricted
 * security context.
 *
 * @author Corelake
 */
public final class JobPodSpecs {

	/** Label every Corelake-created object carries. */
	public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

	/** Value of {@link #MANAGED_BY}. */
	public static final String CORELAKE = "corelake";

	/** Label naming the kind of object. */
	public static final String COMPONENT = "app.kubernetes.io/component";

	/** Value of {@link #COMPONENT} for compute job pods. */
	public static final String COMPUTE_JOB = "compute-job";

	/** Value of {@link #COMPONENT} for the Spark executor pods of a compute job. */
	public static final String COMPUTE_EXECUTOR = "compute-executor";

	/** Label and annotation holding the compute job id. */
	public static final String JOB_ID = "corelake.dev/job-id";

	/**
	 * Label and annotation holding what the job computes ({@code sql}, {@code train} …).
	 */
	public static final String JOB_KIND = "corelake.dev/job-kind";

	/** Label of a job pod whose Spark driver runs Kubernetes executors. */
	public static final String SPARK_DRIVER = "corelake.dev/spark-driver";

	/** Annotation naming the user who owns the job. */
	public static final String OWNER = "corelake.dev/owner";

	private static final long UID = 10001;

	private static final long MIB = 1024 * 1024;

	private static final String SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

	/**
	 * What the image's {@code java -jar} gets from the jar manifest's Add-Opens and the
	 * compute image's JAVA_OPTS, for the executor JVM started with {@code -cp}.
	 */
	private static final String EXECUTOR_JAVA_OPENS = String.join(" ", "--add-opens=java.base/java.lang=ALL-UNNAMED",
			"--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
			"--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
			"--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
			"--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
			"--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
			"--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
			"--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
			"--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
			"-Dio.netty.tryReflectionSetAccessible=true");

	private JobPodSpecs() {
	}

	/**
	 * The Kubernetes object name of a job.
	 * @param jobId the compute job id
	 * @return {@code corelake-job-<id>}
	 */
	public static String name(String jobId) {
		return "corelake-job-" + jobId;
	}

	/**
	 * The labels that select Corelake's compute job objects.
	 * @return the selector labels
	 */
	public static Map<String, String> selector() {
		return Map.of(MANAGED_BY, CORELAKE, COMPONENT, COMPUTE_JOB);
	}

	/**
	 * The labels that select the Spark executor pods of Corelake's compute jobs.
	 * @return the selector labels
	 */
	public static Map<String, String> executorSelector() {
		return Map.of(MANAGED_BY, CORELAKE, COMPONENT, COMPUTE_EXECUTOR);
	}

	/**
	 * Builds the Job of a job whose Spark runs {@code local[cores]} in its pod.
	 * @param job the compute job
	 * @param plan the memory split of its limit
	 * @param settings the Kubernetes runner settings
	 * @return the Job
	 */
	public static Job of(ComputeJob job, MemoryPlan plan, ComputeProperties.Kubernetes settings) {
		return of(job, plan, null, settings);
	}

	/**
	 * Builds the Job. With executors, its pod runs the Spark driver with a {@code k8s://}
	 * master ({@link #executorConf}) under the driver service account, with its token.
	 * @param job the compute job
	 * @param plan the memory split of its (the driver's) limit
	 * @param executorPlan the memory split of each executor's limit, or {@code null}
	 * without executors
	 * @param settings the Kubernetes runner settings
	 * @return the Job
	 */
	public static Job of(ComputeJob job, MemoryPlan plan, MemoryPlan executorPlan,
			ComputeProperties.Kubernetes settings) {
		boolean executors = job.executors() != null && executorPlan != null;
		List<String> args = new ArrayList<>();
		args.add("--corelake.compute.worker.job-id=" + job.id());
		if (executors) {
			// Kubernetes expands $(POD_IP) and $(POD_NAME) in args from the downward API
			executorConf(job, executorPlan, settings)
				.forEach((key, value) -> args.add("--corelake.compute.local.spark[" + key + "]=" + value));
		}
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put(MANAGED_BY, CORELAKE);
		labels.put("app.kubernetes.io/part-of", CORELAKE);
		labels.put("app.kubernetes.io/name", "compute-service");
		labels.put(COMPONENT, COMPUTE_JOB);
		labels.put(JOB_ID, job.id());
		labels.put(JOB_KIND, job.kind().apiName());
		if (executors) {
			// lets the driver reach the Kubernetes API (k8s/components/network-policies)
			labels.put(SPARK_DRIVER, "true");
		}
		Map<String, String> annotations = Map.of(JOB_ID, job.id(), OWNER, job.owner(), JOB_KIND, job.kind().apiName());
		Map<String, Quantity> resources = Map.of("memory", new Quantity(Long.toString(plan.limit())), "cpu",
				new Quantity(Integer.toString(job.cores())));
		return new JobBuilder().withNewMetadata()
			.withName(name(job.id()))
			.withNamespace(settings.namespace())
			.withLabels(labels)
			.withAnnotations(annotations)
			.endMetadata()
			.withNewSpec()
			.withBackoffLimit(0)
			.withTtlSecondsAfterFinished((int) settings.ttlAfterFinished().toSeconds())
			.withActiveDeadlineSeconds(job.timeoutSeconds() + settings.deadlineSlack().toSeconds())
			.withNewTemplate()
			.withNewMetadata()
			.withLabels(labels)
			.withAnnotations(annotations)
			.endMetadata()
			.withNewSpec()
			.withRestartPolicy("Never")
			// a local[N] worker calls no Kubernetes API: no token in its pod; a driver
			// creates, watches and deletes its executor pods
			.withServiceAccountName(executors ? settings.executors().driverServiceAccount() : settings.serviceAccount())
			.withAutomountServiceAccountToken(executors)
			.withNewSecurityContext()
			.withRunAsNonRoot(true)
			.withRunAsUser(UID)
			.withRunAsGroup(UID)
			.withFsGroup(UID)
			.withNewSeccompProfile()
			.withType("RuntimeDefault")
			.endSeccompProfile()
			.endSecurityContext()
			.addNewContainer()
			.withName("compute")
			.withImage(settings.image())
			.withArgs(args)
			.withEnv(env(job, plan, executors ? executorPlan : null, settings))
			.withPorts(executors ? List.of(
					new ContainerPortBuilder().withName("spark-driver")
						.withContainerPort(settings.executors().driverPort())
						.build(),
					new ContainerPortBuilder().withName("spark-blocks")
						.withContainerPort(settings.executors().blockManagerPort())
						.build())
					: List.of())
			.withEnvFrom((settings.secretEnvFrom() != null)
					? List.of(new EnvFromSourceBuilder().withNewSecretRef(settings.secretEnvFrom(), false).build())
					: List.of())
			.withNewResources()
			.withRequests(resources)
			.withLimits(resources)
			.endResources()
			.withNewSecurityContext()
			.withAllowPrivilegeEscalation(false)
			.withReadOnlyRootFilesystem(true)
			.withNewCapabilities()
			.withDrop("ALL")
			.endCapabilities()
			.endSecurityContext()
			.addNewVolumeMount()
			.withName("tmp")
			.withMountPath("/tmp")
			.endVolumeMount()
			.endContainer()
			.addNewVolume()
			.withName("tmp")
			.withNewEmptyDir()
			.endEmptyDir()
			.endVolume()
			.endSpec()
			.endTemplate()
			.endSpec()
			.build();
	}

	private static List<EnvVar> env(ComputeJob job, MemoryPlan plan, MemoryPlan executorPlan,
			ComputeProperties.Kubernetes settings) {
		List<EnvVar> env = new ArrayList<>();
		if (executorPlan != null) {
			env.add(new EnvVarBuilder().withName("POD_IP")
				.withNewValueFrom()
				.withNewFieldRef()
				.withFieldPath("status.podIP")
				.endFieldRef()
				.endValueFrom()
				.build());
			env.add(new EnvVarBuilder().withName("POD_NAME")
				.withNewValueFrom()
				.withNewFieldRef()
				.withFieldPath("metadata.name")
				.endFieldRef()
				.endValueFrom()
				.build());
			env.add(new EnvVar("CORELAKE_COMPUTE_WORKER_EXECUTORPODTEMPLATE", executorPodTemplate(), null));
		}
		// the compute image's entry point passes these to java (docker/Dockerfile): the
		// memory flags replace the image's defaults as a whole
		env.add(new EnvVar("JAVA_MEMORY_OPTS", String.join(" ", plan.jvmFlags()), null));
		env.add(new EnvVar("JAVA_OPTS",
				"-Dio.netty.tryReflectionSetAccessible=true -Djdk.reflect.useDirectMethodHandle=false", null));
		env.add(new EnvVar("CORELAKE_COMPUTE_WORKER_JOB_ID", job.id(), null));
		env.add(new EnvVar("CORELAKE_COMPUTE_LOCAL_CORES", Integer.toString(job.cores()), null));
		settings.env().forEach((name, value) -> env.add(new EnvVar(name, value, null)));
		return env;
	}

	/**
	 * The Spark settings of a driver that runs Kubernetes executors (Spark 4's
	 * {@code spark.kubernetes.*} names): the in-cluster master, the jobs namespace, the
	 * compute image, one executor pod per requested executor with requests equal to
	 * limits ({@code spark.executor.memory} = the budget's heap, {@code memoryOverhead} =
	 * the rest of the limit, the other JVM flags from the same budget), Corelake's labels
	 * (so the reaper and cancel find them) and annotations, the driver pod as their owner
	 * (they are garbage-collected with it), the driver reached at its pod IP, no dynamic
	 * allocation, executor pods deleted when they end, no executor ConfigMap (the driver
	 * may manage pods only).
	 * @param job the compute job (with executors)
	 * @param executor the memory split of each executor's limit
	 * @param settings the Kubernetes runner settings
	 * @return the settings, in a fixed order
	 */
	public static Map<String, String> executorConf(ComputeJob job, MemoryPlan executor,
			ComputeProperties.Kubernetes settings) {
		ComputeProperties.SparkExecutors spark = settings.executors();
		long heapMib = executor.heap() / MIB;
		long overheadMib = executor.limit() / MIB - heapMib;
		Map<String, String> conf = new LinkedHashMap<>();
		conf.put("spark.master", spark.master());
		conf.put("spark.submit.deployMode", "client");
		conf.put("spark.kubernetes.namespace", settings.namespace());
		conf.put("spark.kubernetes.container.image", settings.image());
		conf.put("spark.kubernetes.executor.container.image", settings.image());
		conf.put("spark.kubernetes.authenticate.oauthTokenFile", SERVICE_ACCOUNT_DIR + "/token");
		conf.put("spark.kubernetes.authenticate.caCertFile", SERVICE_ACCOUNT_DIR + "/ca.crt");
		conf.put("spark.kubernetes.authenticate.executor.serviceAccountName", settings.serviceAccount());
		conf.put("spark.kubernetes.driver.pod.name", "$(POD_NAME)");
		conf.put("spark.kubernetes.executor.podNamePrefix", name(job.id()));
		conf.put("spark.kubernetes.executor.podTemplateContainerName", "executor");
		conf.put("spark.kubernetes.executor.label." + MANAGED_BY, CORELAKE);
		conf.put("spark.kubernetes.executor.label.app.kubernetes.io/part-of", CORELAKE);
		conf.put("spark.kubernetes.executor.label." + COMPONENT, COMPUTE_EXECUTOR);
		conf.put("spark.kubernetes.executor.label." + JOB_ID, job.id());
		conf.put("spark.kubernetes.executor.annotation." + JOB_ID, job.id());
		conf.put("spark.kubernetes.executor.annotation." + OWNER, job.owner());
		conf.put("spark.executor.instances", Integer.toString(job.executors().count()));
		conf.put("spark.executor.cores", Integer.toString(job.executors().cores()));
		conf.put("spark.kubernetes.executor.request.cores", Integer.toString(job.executors().cores()));
		conf.put("spark.kubernetes.executor.limit.cores", Integer.toString(job.executors().cores()));
		conf.put("spark.executor.memory", heapMib + "m");
		conf.put("spark.executor.memoryOverhead", overheadMib + "m");
		// Spark sets -Xmx from spark.executor.memory and refuses it here
		conf.put("spark.executor.extraJavaOptions",
				String.join(" ", executor.jvmFlags().stream().filter((flag) -> !flag.startsWith("-Xm")).toList()));
		conf.put("spark.dynamicAllocation.enabled", "false");
		conf.put("spark.kubernetes.executor.deleteOnTermination", "true");
		conf.put("spark.kubernetes.executor.disableConfigMap", "true");
		conf.put("spark.driver.host", "$(POD_IP)");
		conf.put("spark.driver.bindAddress", "0.0.0.0");
		conf.put("spark.driver.port", Integer.toString(spark.driverPort()));
		conf.put("spark.driver.blockManager.port", Integer.toString(spark.blockManagerPort()));
		conf.put("spark.blockManager.port", Integer.toString(spark.blockManagerPort()));
		conf.put("spark.sql.shuffle.partitions",
				Integer.toString(Math.max(4, 2 * job.executors().count() * job.executors().cores())));
		return conf;
	}

	/**
	 * The executor pod template: what Spark does not set and the jobs namespace's
	 * restricted Pod Security profile requires (non-root user, seccomp, no privilege
	 * escalation, no capabilities, read-only root with a writable {@code /tmp}), no
	 * token, and the compute image started as Spark's executor backend (the image's own
	 * entry point starts compute-service).
	 * @return the template as YAML
	 */
	public static String executorPodTemplate() {
		String command = "exec java -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp " + EXECUTOR_JAVA_OPENS
				+ " $(env | grep '^SPARK_JAVA_OPT_' | sort -t_ -k4 -n | cut -d= -f2-)"
				+ " -Xms$SPARK_EXECUTOR_MEMORY -Xmx$SPARK_EXECUTOR_MEMORY -cp '/app/app.jar:/app/lib/*'"
				+ " org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend --driver-url $SPARK_DRIVER_URL"
				+ " --executor-id $SPARK_EXECUTOR_ID --cores $SPARK_EXECUTOR_CORES --app-id $SPARK_APPLICATION_ID"
				+ " --hostname $SPARK_EXECUTOR_POD_IP --resourceProfileId $SPARK_RESOURCE_PROFILE_ID"
				+ " --podName $SPARK_EXECUTOR_POD_NAME";
		return """
				apiVersion: v1
				kind: Pod
				spec:
				  automountServiceAccountToken: false
				  restartPolicy: Never
				  securityContext:
				    runAsNonRoot: true
				    runAsUser: %d
				    runAsGroup: %d
				    fsGroup: %d
				    seccompProfile:
				      type: RuntimeDefault
				  containers:
				    - name: executor
				      command: ["/bin/sh", "-c", "%s"]
				      securityContext:
				        allowPrivilegeEscalation: false
				        readOnlyRootFilesystem: true
				        runAsNonRoot: true
				        capabilities:
				          drop: ["ALL"]
				      volumeMounts:
				        - name: tmp
				          mountPath: /tmp
				  volumes:
				    - name: tmp
				      emptyDir: {}
				""".formatted(UID, UID, UID, command.replace("\\", "\\\\").replace("\"", "\\\""));
	}

}
