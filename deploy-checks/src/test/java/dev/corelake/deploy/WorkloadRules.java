package dev.corelake.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.corelake.platform.memory.JvmMemoryBudget;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Rules about what runs: labels, images, resources, security context, and for Corelake
 * services their probes, shutdown and JVM memory budget.
 *
 * @author Corelake
 */
final class WorkloadRules {

	static final String NAME_LABEL = "app.kubernetes.io/name";

	static final String PART_OF_LABEL = "app.kubernetes.io/part-of";

	/** Spring's graceful shutdown phase (corelake-platform-defaults.properties). */
	static final int SHUTDOWN_SECONDS = 20;

	/** Margin between the end of the shutdown and the kill. */
	static final int SHUTDOWN_MARGIN_SECONDS = 5;

	static final String THREADS_ANNOTATION = "corelake.dev/jvm-threads";

	static final String MIN_HEAP_ANNOTATION = "corelake.dev/min-heap";

	private static final Pattern DOCKERFILE_MEMORY_OPTS = Pattern.compile("JAVA_MEMORY_OPTS=\"([^\"]*)\"");

	private WorkloadRules() {
	}

	static List<Violation> labels(List<HasMetadata> objects) {
		List<Violation> violations = new ArrayList<>();
		for (HasMetadata object : objects) {
			checkLabels(object, Workloads.orEmpty(object.getMetadata().getLabels()), "", violations);
			Workloads.podTemplate(object)
				.ifPresent((template) -> checkLabels(object, Workloads.orEmpty(template.getMetadata().getLabels()),
						"pod template ", violations));
		}
		return violations;
	}

	private static void checkLabels(HasMetadata object, Map<String, String> labels, String where,
			List<Violation> violations) {
		if (labels.get(NAME_LABEL) == null || labels.get(NAME_LABEL).isBlank()) {
			violations.add(Violation.of("labels", object, where + "has no " + NAME_LABEL + " label"));
		}
		if (!"corelake".equals(labels.get(PART_OF_LABEL))) {
			violations.add(Violation.of("labels", object, where + "lacks " + PART_OF_LABEL + ": corelake"));
		}
	}

	static List<Violation> images(List<HasMetadata> objects) {
		List<Violation> violations = new ArrayList<>();
		forEachContainer(objects, (object, template, container) -> {
			String image = Objects.requireNonNullElse(container.getImage(), "");
			String lastSegment = image.substring(image.lastIndexOf('/') + 1);
			boolean digest = image.contains("@sha256:");
			int colon = lastSegment.indexOf(':');
			if (!digest && (colon < 0 || lastSegment.substring(colon + 1).equals("latest"))) {
				violations.add(Violation.of("image", object, "container " + container.getName() + " image '" + image
						+ "' must name a fixed tag or digest (not latest, not untagged)"));
			}
		});
		return violations;
	}

	static List<Violation> resources(List<HasMetadata> objects) {
		List<Violation> violations = new ArrayList<>();
		forEachContainer(objects, (object, template, container) -> {
			Map<String, Quantity> requests = (container.getResources() != null)
					? Workloads.orEmptyQuantities(container.getResources().getRequests()) : Map.of();
			Map<String, Quantity> limits = (container.getResources() != null)
					? Workloads.orEmptyQuantities(container.getResources().getLimits()) : Map.of();
			for (String resource : List.of("cpu", "memory")) {
				Quantity request = requests.get(resource);
				Quantity limit = limits.get(resource);
				if (request == null || limit == null) {
					violations.add(Violation.of("resources", object,
							"container " + container.getName() + " needs both a " + resource + " request and limit"));
				}
				else if (request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
					violations.add(Violation.of("resources", object, "container " + container.getName()
							+ " requests more " + resource + " (" + request + ") than its limit (" + limit + ")"));
				}
				else if (resource.equals("memory")
						&& request.getNumericalAmount().compareTo(limit.getNumericalAmount()) != 0) {
					violations.add(Violation.of("resources", object,
							"container " + container.getName() + " memory request " + request
									+ " differs from its limit " + limit
									+ ": a JVM sized from the limit must be guaranteed all of it"));
				}
			}
		});
		return violations;
	}

	static List<Violation> securityContext(List<HasMetadata> objects) {
		List<Violation> violations = new ArrayList<>();
		for (HasMetadata object : objects) {
			Optional<PodTemplateSpec> template = Workloads.podTemplate(object);
			if (template.isEmpty()) {
				continue;
			}
			PodSpec pod = template.get().getSpec();
			PodSecurityContext podContext = Objects.requireNonNullElseGet(pod.getSecurityContext(),
					PodSecurityContext::new);
			boolean podSeccomp = podContext.getSeccompProfile() != null
					&& "RuntimeDefault".equals(podContext.getSeccompProfile().getType());
			if (!podSeccomp) {
				violations.add(Violation.of("security-context", object, "pod needs seccompProfile RuntimeDefault"));
			}
			for (Container container : Workloads.containers(template.get())) {
				SecurityContext context = Objects.requireNonNullElseGet(container.getSecurityContext(),
						SecurityContext::new);
				String name = "container " + container.getName();
				if (!Boolean.TRUE.equals(context.getRunAsNonRoot())
						&& !Boolean.TRUE.equals(podContext.getRunAsNonRoot())) {
					violations.add(Violation.of("security-context", object, name + " must run as non-root"));
				}
				Long user = (context.getRunAsUser() != null) ? context.getRunAsUser() : podContext.getRunAsUser();
				if (user != null && user == 0) {
					violations.add(Violation.of("security-context", object, name + " runs as user 0"));
				}
				if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
					violations.add(Violation.of("security-context", object,
							name + " must set allowPrivilegeEscalation: false"));
				}
				if (Boolean.TRUE.equals(context.getPrivileged())) {
					violations.add(Violation.of("security-context", object, name + " must not be privileged"));
				}
				if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
					violations
						.add(Violation.of("security-context", object, name + " must set readOnlyRootFilesystem: true"));
				}
				if (context.getCapabilities() == null || !context.getCapabilities().getDrop().contains("ALL")
						|| !context.getCapabilities().getAdd().isEmpty()) {
					violations.add(Violation.of("security-context", object,
							name + " must drop ALL capabilities and add none"));
				}
				if (!hasEmptyDirAt(pod, container, "/tmp")) {
					violations.add(Violation.of("security-context", object,
							name + " needs an emptyDir at /tmp (its root filesystem is read-only)"));
				}
			}
		}
		return violations;
	}

	private static boolean hasEmptyDirAt(PodSpec pod, Container container, String path) {
		return container.getVolumeMounts()
			.stream()
			.filter((mount) -> path.equals(mount.getMountPath()))
			.anyMatch((mount) -> pod.getVolumes()
				.stream()
				.filter((volume) -> volume.getName().equals(mount.getName()))
				.map(Volume::getEmptyDir)
				.anyMatch(Objects::nonNull));
	}

	static List<Violation> probes(List<HasMetadata> objects) {
		List<Violation> violations = new ArrayList<>();
		for (Deployment deployment : Workloads.services(objects)) {
			Optional<Container> found = Workloads.serviceContainer(deployment);
			if (found.isEmpty()) {
				violations.add(Violation.of("probes", deployment, "has no container named like the service"));
				continue;
			}
			Container container = found.get();
			checkProbe(deployment, "startupProbe", container.getStartupProbe(),
					Set.of("/actuator/health/liveness", "/actuator/health/readiness"), violations);
			checkProbe(deployment, "livenessProbe", container.getLivenessProbe(), Set.of("/actuator/health/liveness"),
					violations);
			checkProbe(deployment, "readinessProbe", container.getReadinessProbe(),
					Set.of("/actuator/health/readiness"), violations);
		}
		return violations;
	}

	private static void checkProbe(Deployment deployment, String kind, Probe probe, Set<String> paths,
			List<Violation> violations) {
		HTTPGetAction get = (probe != null) ? probe.getHttpGet() : null;
		if (get == null) {
			violations.add(Violation.of("probes", deployment, kind + " must be an httpGet on the management port"));
			return;
		}
		Object port = (get.getPort() != null) ? get.getPort().getValue() : null;
		if (!"management".equals(port) && !Integer.valueOf(9090).equals(port)) {
			violations
				.add(Violation.of("probes", deployment, kind + " must use the management port (9090), not " + port));
		}
		if (!paths.contains(get.getPath())) {
			violations.add(Violation.of("probes", deployment,
					kind + " path " + get.getPath() + " is not one of " + paths.stream().sorted().toList()));
		}
	}

	static List<Violation> shutdown(List<HasMetadata> objects) {
		List<Violation> violations = new ArrayList<>();
		for (Deployment deployment : Workloads.services(objects)) {
			Long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
			Optional<Integer> pause = Workloads.serviceContainer(deployment)
				.map(Container::getLifecycle)
				.map((lifecycle) -> preStopSeconds(lifecycle.getPreStop()));
			if (pause.isEmpty() || pause.get() <= 0) {
				violations.add(Violation.of("shutdown", deployment,
						"needs a preStop pause (exec sleep N, or sleep.seconds) so callers stop sending first"));
				continue;
			}
			int needed = pause.get() + SHUTDOWN_SECONDS + SHUTDOWN_MARGIN_SECONDS;
			if (grace == null || grace < needed) {
				violations.add(Violation.of("shutdown", deployment,
						"terminationGracePeriodSeconds " + grace + " is shorter than the preStop pause (" + pause.get()
								+ " s) + graceful shutdown (" + SHUTDOWN_SECONDS + " s) + " + SHUTDOWN_MARGIN_SECONDS
								+ " s = " + needed + " s"));
			}
		}
		return violations;
	}

	private static Integer preStopSeconds(LifecycleHandler preStop) {
		if (preStop == null) {
			return 0;
		}
		if (preStop.getSleep() != null && preStop.getSleep().getSeconds() != null) {
			return preStop.getSleep().getSeconds().intValue();
		}
		if (preStop.getExec() != null) {
			List<String> command = preStop.getExec().getCommand();
			int sleep = command.indexOf("sleep");
			if (sleep >= 0 && sleep + 1 < command.size() && command.get(sleep + 1).matches("[0-9]+")) {
				return Integer.parseInt(command.get(sleep + 1));
			}
		}
		return 0;
	}

	static List<Violation> memoryBudget(List<HasMetadata> objects) {
		List<Violation> violations = new ArrayList<>();
		String imageDefaults = imageMemoryOptions();
		for (Deployment deployment : Workloads.services(objects)) {
			Optional<Container> found = Workloads.serviceContainer(deployment);
			Map<String, String> annotations = Workloads
				.orEmpty(deployment.getSpec().getTemplate().getMetadata().getAnnotations());
			Quantity limit = found.map(Container::getResources)
				.map((resources) -> Workloads.orEmptyQuantities(resources.getLimits()).get("memory"))
				.orElse(null);
			String threads = annotations.get(THREADS_ANNOTATION);
			String minHeap = annotations.get(MIN_HEAP_ANNOTATION);
			if (limit == null || threads == null || !threads.matches("[1-9][0-9]*") || minHeap == null) {
				violations.add(Violation.of("memory-budget", deployment, "needs a memory limit and the annotations "
						+ THREADS_ANNOTATION + " (a positive number) and " + MIN_HEAP_ANNOTATION));
				continue;
			}
			Map<String, String> env = literalEnv(found.get());
			List<String> options = new ArrayList<>(
					JvmMemoryBudget.split(env.getOrDefault("JAVA_MEMORY_OPTS", imageDefaults)));
			options.addAll(JvmMemoryBudget.split(env.get("JAVA_OPTS")));
			JvmMemoryBudget budget = JvmMemoryBudget.of(limit.getNumericalAmount().longValue(), options,
					Integer.parseInt(threads));
			if (!budget.fits()) {
				violations.add(Violation.of("memory-budget", deployment,
						"the JVM can use more than its limit: " + budget.describe() + " (options " + options + ")"));
			}
			long minimum = JvmMemoryBudget.parseQuantity(minHeap);
			if (budget.heapBytes() < minimum) {
				violations.add(Violation.of("memory-budget", deployment, "heap " + budget.heapBytes() / (1024 * 1024)
						+ " MiB is below the service's minimum " + minHeap + " (" + MIN_HEAP_ANNOTATION + ")"));
			}
		}
		return violations;
	}

	static Map<String, String> literalEnv(Container container) {
		Map<String, String> env = new java.util.LinkedHashMap<>();
		for (EnvVar variable : container.getEnv()) {
			if (variable.getValue() != null) {
				env.put(variable.getName(), variable.getValue());
			}
		}
		return env;
	}

	/**
	 * The image's default {@code JAVA_MEMORY_OPTS}, from docker/Dockerfile.
	 * @return the options
	 */
	static String imageMemoryOptions() {
		try {
			String dockerfile = java.nio.file.Files.readString(Manifests.root().resolve("docker/Dockerfile"));
			Matcher matcher = DOCKERFILE_MEMORY_OPTS.matcher(dockerfile);
			if (!matcher.find()) {
				throw new IllegalStateException("docker/Dockerfile sets no ENV JAVA_MEMORY_OPTS=\"...\"");
			}
			return matcher.group(1);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	static void forEachContainer(List<HasMetadata> objects, ContainerVisitor visitor) {
		for (HasMetadata object : objects) {
			Workloads.podTemplate(object)
				.ifPresent((template) -> Workloads.containers(template)
					.forEach((container) -> visitor.visit(object, template, container)));
		}
	}

	@FunctionalInterface
	interface ContainerVisitor {

		void visit(HasMetadata object, PodTemplateSpec template, Container container);

	}

	static boolean hasPort(Container container, String name, int number) {
		for (ContainerPort port : container.getPorts()) {
			if (name.equals(port.getName()) && Integer.valueOf(number).equals(port.getContainerPort())) {
				return true;
			}
		}
		return false;
	}

}
