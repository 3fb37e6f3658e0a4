package dev.corelake.compute.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.corelake.compute.job.ComputeJob;
import dev.corelake.compute.memory.MemoryPlan;
import dev.corelake.compute.system.ComputeProperties;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
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

	/** Label and annotation holding the compute job id. */
	public static final String JOB_ID = "corelake.dev/job-id";

	/**
	 * Label and annotation holding what the job computes ({@code sql}, {@code train} …).
	 */
	public static final String JOB_KIND = "corelake.dev/job-kind";

	/** Annotation naming the user who owns the job. */
	public static final String OWNER = "corelake.dev/owner";

	private static final long UID = 10001;

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
	 * Builds the Job.
	 * @param job the compute job
	 * @param plan the memory split of its limit
	 * @param settings the Kubernetes runner settings
	 * @return the Job
	 */
	public static Job of(ComputeJob job, MemoryPlan plan, ComputeProperties.Kubernetes settings) {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put(MANAGED_BY, CORELAKE);
		labels.put("app.kubernetes.io/part-of", CORELAKE);
		labels.put("app.kubernetes.io/name", "compute-service");
		labels.put(COMPONENT, COMPUTE_JOB);
		labels.put(JOB_ID, job.id());
		labels.put(JOB_KIND, job.kind().apiName());
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
			.withServiceAccountName(settings.serviceAccount())
			// the worker calls no Kubernetes API: no token in the pod
			.withAutomountServiceAccountToken(false)
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
			.withArgs("--corelake.compute.worker.job-id=" + job.id())
			.withEnv(env(job, plan, settings))
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

	private static List<EnvVar> env(ComputeJob job, MemoryPlan plan, ComputeProperties.Kubernetes settings) {
		List<EnvVar> env = new ArrayList<>();
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

}
