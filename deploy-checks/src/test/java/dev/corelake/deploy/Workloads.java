package dev.corelake.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * What the rules need to know about workloads: their pod templates, their containers, and
 * which of them are Corelake services.
 *
 * @author Corelake
 */
final class Workloads {

	private Workloads() {
	}

	/**
	 * The pod template of a workload.
	 * @param object any object
	 * @return its pod template, or empty when it runs no pods
	 */
	static Optional<PodTemplateSpec> podTemplate(HasMetadata object) {
		PodTemplateSpec template = null;
		if (object instanceof Deployment deployment) {
			template = deployment.getSpec().getTemplate();
		}
		else if (object instanceof StatefulSet statefulSet) {
			template = statefulSet.getSpec().getTemplate();
		}
		else if (object instanceof DaemonSet daemonSet) {
			template = daemonSet.getSpec().getTemplate();
		}
		else if (object instanceof Job job) {
			template = job.getSpec().getTemplate();
		}
		else if (object instanceof CronJob cronJob) {
			template = cronJob.getSpec().getJobTemplate().getSpec().getTemplate();
		}
		return Optional.ofNullable(template);
	}

	/**
	 * Every container of a pod template, init containers included.
	 * @param template the template
	 * @return the containers
	 */
	static List<Container> containers(PodTemplateSpec template) {
		return Stream
			.concat(template.getSpec().getInitContainers().stream(), template.getSpec().getContainers().stream())
			.toList();
	}

	/**
	 * The Deployments of Corelake services: named {@code *-service}.
	 * @param objects the objects
	 * @return the service Deployments
	 */
	static List<Deployment> services(List<HasMetadata> objects) {
		return objects.stream()
			.filter(Deployment.class::isInstance)
			.map(Deployment.class::cast)
			.filter((deployment) -> Manifests.name(deployment).endsWith("-service"))
			.toList();
	}

	/**
	 * The service's own container: the one named like the Deployment.
	 * @param deployment a service Deployment
	 * @return the container, or empty when none has the service's name
	 */
	static Optional<Container> serviceContainer(Deployment deployment) {
		return deployment.getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.stream()
			.filter((container) -> Manifests.name(deployment).equals(container.getName()))
			.findFirst();
	}

	/**
	 * The environment variable prefix of a service, as its launcher reads it:
	 * {@code data-sync-service} → {@code CORELAKE_DATA_SYNC}.
	 * @param service the service name
	 * @return the prefix
	 */
	static String prefix(String service) {
		String shortName = service.endsWith("-service") ? service.substring(0, service.length() - 8) : service;
		return "CORELAKE_" + shortName.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
	}

	/**
	 * A label or annotation map, never {@code null}.
	 * @param map the map
	 * @return the map, or an empty one
	 */
	static Map<String, String> orEmpty(Map<String, String> map) {
		return (map != null) ? map : Map.of();
	}

	/**
	 * A requests or limits map, never {@code null}.
	 * @param map the map
	 * @return the map, or an empty one
	 */
	static Map<String, Quantity> orEmptyQuantities(Map<String, Quantity> map) {
		return (map != null) ? map : Map.of();
	}

}
