package dev.corelake.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

/**
 * Rules about how objects fit together: namespaces, selectors and labels, ports, service
 * accounts, and secrets kept out of manifests.
 *
 * @author Corelake
 */
final class WiringRules {

	static final Set<String> NAMESPACES = Set.of("corelake", "corelake-jobs");

	/**
	 * Names of values that are secrets; where a secret lives (a file, a path, a URL) is
	 * not one.
	 */
	private static final Pattern SECRET_NAME = Pattern.compile(
			"(?i)(?!.*(FILE|PATH|DIR|URL|URI)$).*(PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|PRIVATE_?KEY|API_?KEY).*");

	private WiringRules() {
	}

	static List<Violation> namespaces(List<HasMetadata> objects) {
		List<Violation> violations = new ArrayList<>();
		for (HasMetadata object : objects) {
			if (object instanceof Namespaced && !NAMESPACES.contains(namespace(object))) {
				violations.add(Violation.of("namespace", object,
						"must name its namespace, one of " + NAMESPACES.stream().sorted().toList()));
			}
		}
		return violations;
	}

	static List<Violation> selectors(List<HasMetadata> objects) {
		List<Violation> violations = new ArrayList<>();
		for (HasMetadata object : objects) {
			Map<String, String> selector = workloadSelector(object);
			Optional<PodTemplateSpec> template = Workloads.podTemplate(object);
			if (selector != null && template.isPresent()
					&& (selector.isEmpty() || !Workloads.orEmpty(template.get().getMetadata().getLabels())
						.entrySet()
						.containsAll(selector.entrySet()))) {
				violations.add(Violation.of("selectors", object,
						"selector " + selector + " does not match its own pod template's labels"));
			}
		}
		for (Deployment deployment : Workloads.services(objects)) {
			if (find(objects, Service.class, deployment).isEmpty()) {
				violations.add(Violation.of("selectors", deployment, "has no Service of the same name"));
			}
		}
		for (Service service : ofKind(objects, Service.class)) {
			Map<String, String> selector = Workloads.orEmpty(service.getSpec().getSelector());
			if (selector.isEmpty() || selected(objects, service).isEmpty()) {
				violations.add(Violation.of("selectors", service,
						"selector " + selector + " selects no workload's pods in " + namespace(service)));
			}
		}
		return violations;
	}

	static List<Violation> ports(List<HasMetadata> objects) {
		List<Violation> violations = new ArrayList<>();
		for (Service service : ofKind(objects, Service.class)) {
			for (HasMetadata workload : selected(objects, service)) {
				List<Container> containers = Workloads.podTemplate(workload).orElseThrow().getSpec().getContainers();
				for (ServicePort port : service.getSpec().getPorts()) {
					Object target = (port.getTargetPort() != null) ? port.getTargetPort().getValue() : port.getPort();
					boolean exists = containers.stream()
						.flatMap((container) -> container.getPorts().stream())
						.anyMatch((containerPort) -> target.equals(containerPort.getName())
								|| target.equals(containerPort.getContainerPort()));
					if (!exists) {
						violations.add(Violation.of("ports", service, "port " + port.getName() + " targets " + target
								+ ", which no container of " + Manifests.name(workload) + " declares"));
					}
				}
			}
		}
		for (Deployment deployment : Workloads.services(objects)) {
			String name = Manifests.name(deployment);
			find(objects, Service.class, deployment).ifPresent((service) -> {
				for (String expected : List.of("http:8080", "management:9090")) {
					boolean found = service.getSpec()
						.getPorts()
						.stream()
						.anyMatch((port) -> expected.equals(port.getName() + ":" + port.getPort()));
					if (!found) {
						violations.add(Violation.of("ports", service, "must expose " + expected));
					}
				}
			});
			Workloads.serviceContainer(deployment).ifPresent((container) -> {
				if (!WorkloadRules.hasPort(container, "http", 8080)
						|| !WorkloadRules.hasPort(container, "management", 9090)) {
					violations.add(Violation.of("ports", deployment,
							"container must declare ports http (8080) and management (9090)"));
				}
				Map<String, String> env = WorkloadRules.literalEnv(container);
				Optional<ServiceSettings> settings = ServiceSettings.of(name);
				if (settings.isPresent() && settings.get().portVariable().isPresent()
						&& settings.get().managementPortVariable().isPresent()) {
					String port = settings.get().portVariable().get();
					String management = settings.get().managementPortVariable().get();
					if (!"8080".equals(env.get(port)) || !"9090".equals(env.get(management))) {
						violations.add(Violation.of("ports", deployment, "must set " + port + "=8080 and " + management
								+ "=9090 (the variables " + name + ".yml reads its ports from)"));
					}
				}
				else if (env.entrySet()
					.stream()
					.noneMatch((variable) -> variable.getKey().matches("CORELAKE_[A-Z0-9_]+_PORT")
							&& !variable.getKey().endsWith("_MANAGEMENT_PORT") && "8080".equals(variable.getValue())
							&& "9090".equals(env.get(variable.getKey().replaceFirst("_PORT$", "_MANAGEMENT_PORT"))))) {
					violations.add(Violation.of("ports", deployment, "must set CORELAKE_<SERVICE>_PORT=8080 and "
							+ "CORELAKE_<SERVICE>_MANAGEMENT_PORT=9090 (the ports the service listens on)"));
				}
			});
		}
		return violations;
	}

	static List<Violation> settings(List<HasMetadata> objects) {
		List<Violation> violations = new ArrayList<>();
		Set<String> platform = new java.util.HashSet<>(basePlatformKeys());
		ofKind(objects, ConfigMap.class).stream()
			.filter((configMap) -> Manifests.name(configMap).startsWith("corelake-platform"))
			.forEach((configMap) -> platform.addAll(Workloads.orEmpty(configMap.getData()).keySet()));
		for (Deployment deployment : Workloads.services(objects)) {
			Optional<ServiceSettings> settings = ServiceSettings.of(Manifests.name(deployment));
			Optional<Container> container = Workloads.serviceContainer(deployment);
			if (settings.isEmpty() || container.isEmpty()) {
				continue;
			}
			Set<String> provided = new java.util.HashSet<>(platform);
			container.get().getEnv().forEach((variable) -> provided.add(variable.getName()));
			settings.get()
				.databaseVariables()
				.stream()
				.filter((variable) -> !provided.contains(variable))
				.forEach((variable) -> violations.add(Violation.of("settings", deployment, "does not set " + variable
						+ ", which " + Manifests.name(deployment) + "-postgres.yml reads (database settings)")));
		}
		return violations;
	}

	/**
	 * The keys of k8s/base/platform.env, the shared settings every service gets.
	 */
	static Set<String> basePlatformKeys() {
		try {
			Set<String> keys = new java.util.HashSet<>();
			for (String line : java.nio.file.Files.readAllLines(Manifests.root().resolve("k8s/base/platform.env"))) {
				int equals = line.indexOf('=');
				if (!line.startsWith("#") && equals > 0) {
					keys.add(line.substring(0, equals).strip());
				}
			}
			return keys;
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	static List<Violation> serviceAccounts(List<HasMetadata> objects) {
		List<Violation> violations = new ArrayList<>();
		for (Deployment deployment : Workloads.services(objects)) {
			String name = Manifests.name(deployment);
			var pod = deployment.getSpec().getTemplate().getSpec();
			if (!name.equals(pod.getServiceAccountName())) {
				violations.add(Violation.of("service-account", deployment,
						"must run as its own ServiceAccount " + name + ", not " + pod.getServiceAccountName()));
			}
			else if (find(objects, ServiceAccount.class, deployment).isEmpty()) {
				violations.add(Violation.of("service-account", deployment,
						"its ServiceAccount " + name + " is not defined next to it"));
			}
			boolean bound = ofKind(objects, RoleBinding.class).stream()
				.flatMap((binding) -> binding.getSubjects().stream())
				.anyMatch((subject) -> "ServiceAccount".equals(subject.getKind()) && name.equals(subject.getName())
						&& namespace(deployment).equals(subject.getNamespace()));
			Boolean automount = pod.getAutomountServiceAccountToken();
			if (automount == null || automount != bound) {
				violations.add(Violation.of("service-account", deployment, "automountServiceAccountToken must be "
						+ bound + (bound ? " (a RoleBinding grants it API access)" : " (it has no API access)")));
			}
		}
		return violations;
	}

	static List<Violation> secrets(List<HasMetadata> objects) {
		List<Violation> violations = new ArrayList<>();
		for (HasMetadata object : objects) {
			if (object instanceof Secret secret && (!Workloads.orEmpty(secret.getData()).isEmpty()
					|| !Workloads.orEmpty(secret.getStringData()).isEmpty())) {
				violations.add(Violation.of("secrets", object,
						"a Secret with values is committed; create it in the cluster instead (docs/deploy.md)"));
			}
			if (object instanceof ConfigMap configMap) {
				Workloads.orEmpty(configMap.getData())
					.keySet()
					.stream()
					.filter((key) -> SECRET_NAME.matcher(key).matches())
					.forEach((key) -> violations.add(Violation.of("secrets", object,
							"holds " + key + ", which looks like a secret: reference a Secret instead")));
			}
		}
		WorkloadRules.forEachContainer(objects, (object, template, container) -> {
			for (EnvVar variable : container.getEnv()) {
				if (variable.getValue() != null && SECRET_NAME.matcher(variable.getName()).matches()) {
					violations.add(Violation.of("secrets", object, "container " + container.getName() + " sets "
							+ variable.getName() + " to a literal value: use valueFrom.secretKeyRef"));
				}
			}
		});
		return violations;
	}

	static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> kind) {
		return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
	}

	static <T extends HasMetadata> Optional<T> find(List<HasMetadata> objects, Class<T> kind, HasMetadata like) {
		return ofKind(objects, kind).stream()
			.filter((candidate) -> Manifests.name(candidate).equals(Manifests.name(like))
					&& namespace(candidate).equals(namespace(like)))
			.findFirst();
	}

	/**
	 * The workloads in the Service's namespace whose pods the Service selects.
	 */
	static List<HasMetadata> selected(List<HasMetadata> objects, Service service) {
		Map<String, String> selector = Workloads.orEmpty(service.getSpec().getSelector());
		return objects.stream()
			.filter((object) -> namespace(object).equals(namespace(service)))
			.filter((object) -> Workloads.podTemplate(object)
				.map((template) -> Workloads.orEmpty(template.getMetadata().getLabels())
					.entrySet()
					.containsAll(selector.entrySet()))
				.orElse(false))
			.filter((object) -> !selector.isEmpty())
			.toList();
	}

	static String namespace(HasMetadata object) {
		return Objects.requireNonNullElse(object.getMetadata().getNamespace(), "");
	}

	private static Map<String, String> workloadSelector(HasMetadata object) {
		if (object instanceof Deployment deployment) {
			return Workloads.orEmpty(deployment.getSpec().getSelector().getMatchLabels());
		}
		if (object instanceof StatefulSet statefulSet) {
			return Workloads.orEmpty(statefulSet.getSpec().getSelector().getMatchLabels());
		}
		return null;
	}

}
