package dev.corelake.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;

/**
 * Rules about who may do what: RBAC for the job namespace, its quota and limits, network
 * policies, and the autoscaling and disruption objects of the prod overlay.
 *
 * @author Corelake
 */
final class AccessRules {

	static final String JOBS_NAMESPACE = "corelake-jobs";

	/** The service accounts that run job pods. */
	static final Set<String> JOB_MANAGERS = Set.of("compute-service", "ai-model-service");

	/**
	 * The account of compute job pods whose Spark driver runs Kubernetes executors: bound
	 * in the jobs namespace to its own Role, which may touch pods only.
	 */
	static final String SPARK_DRIVER = "corelake-spark-driver";

	static final Set<String> ALLOWED_VERBS = Set.of("get", "list", "watch", "create", "delete");

	static final Set<String> ALLOWED_RESOURCES = Set.of("jobs", "pods", "pods/log", "events");

	private AccessRules() {
	}

	static List<Violation> rbac(List<HasMetadata> objects) {
		List<Violation> violations = new ArrayList<>();
		for (HasMetadata object : objects) {
			if (object instanceof ClusterRole || object instanceof ClusterRoleBinding) {
				violations.add(Violation.of("rbac", object, "cluster-wide permissions are never granted"));
			}
			if (object instanceof Role role) {
				if (!JOBS_NAMESPACE.equals(role.getMetadata().getNamespace())) {
					violations.add(Violation.of("rbac", role, "Roles exist only in " + JOBS_NAMESPACE));
				}
				for (PolicyRule rule : role.getRules()) {
					checkRule(role, rule, violations);
					if (SPARK_DRIVER.equals(role.getMetadata().getName())
							&& !List.of("pods").equals(rule.getResources())) {
						violations.add(Violation.of("rbac", role,
								"a Spark driver manages its executor pods only, not " + rule.getResources()));
					}
				}
			}
			if (object instanceof RoleBinding binding) {
				if (!"Role".equals(binding.getRoleRef().getKind())) {
					violations.add(
							Violation.of("rbac", binding, "must bind a Role, not a " + binding.getRoleRef().getKind()));
				}
				for (Subject subject : binding.getSubjects()) {
					boolean driver = "ServiceAccount".equals(subject.getKind())
							&& SPARK_DRIVER.equals(subject.getName()) && JOBS_NAMESPACE.equals(subject.getNamespace())
							&& SPARK_DRIVER.equals(binding.getRoleRef().getName());
					if (!driver
							&& (!"ServiceAccount".equals(subject.getKind()) || !JOB_MANAGERS.contains(subject.getName())
									|| !"corelake".equals(subject.getNamespace()))) {
						violations.add(Violation.of("rbac", binding,
								"binds " + subject.getKind() + " " + subject.getNamespace() + "/" + subject.getName()
										+ "; only the ServiceAccounts " + JOB_MANAGERS.stream().sorted().toList()
										+ " of namespace corelake may manage jobs (and " + SPARK_DRIVER + " of "
										+ JOBS_NAMESPACE + " its executor pods)"));
					}
				}
			}
		}
		return violations;
	}

	private static void checkRule(Role role, PolicyRule rule, List<Violation> violations) {
		List<String> everything = new ArrayList<>(rule.getApiGroups());
		everything.addAll(rule.getResources());
		everything.addAll(rule.getVerbs());
		if (everything.contains("*")) {
			violations.add(Violation.of("rbac", role, "wildcards grant more than a job runner needs: " + rule));
		}
		rule.getVerbs()
			.stream()
			.filter((verb) -> !ALLOWED_VERBS.contains(verb) && !verb.equals("*"))
			.forEach((verb) -> violations.add(Violation.of("rbac", role, "verb '" + verb
					+ "' is not needed to run jobs; allowed: " + ALLOWED_VERBS.stream().sorted().toList())));
		rule.getResources()
			.stream()
			.filter((resource) -> !ALLOWED_RESOURCES.contains(resource) && !resource.equals("*"))
			.forEach((resource) -> violations.add(Violation.of("rbac", role, "resource '" + resource
					+ "' is not needed to run jobs; allowed: " + ALLOWED_RESOURCES.stream().sorted().toList())));
		if (!rule.getResourceNames().isEmpty() || !rule.getNonResourceURLs().isEmpty()) {
			violations.add(Violation.of("rbac", role, "resourceNames and nonResourceURLs are not used"));
		}
	}

	static List<Violation> jobNamespace(List<HasMetadata> objects) {
		List<Violation> violations = new ArrayList<>();
		for (Namespace namespace : WiringRules.ofKind(objects, Namespace.class)) {
			if (!JOBS_NAMESPACE.equals(Manifests.name(namespace))) {
				continue;
			}
			boolean quota = WiringRules.ofKind(objects, ResourceQuota.class)
				.stream()
				.filter((candidate) -> JOBS_NAMESPACE.equals(candidate.getMetadata().getNamespace()))
				.anyMatch((candidate) -> Workloads.orEmptyQuantities(candidate.getSpec().getHard())
					.keySet()
					.containsAll(Set.of("requests.cpu", "requests.memory", "limits.memory", "pods")));
			if (!quota) {
				violations.add(Violation.of("job-namespace", namespace,
						"needs a ResourceQuota bounding requests.cpu, requests.memory, limits.memory and pods"));
			}
			boolean limits = WiringRules.ofKind(objects, LimitRange.class)
				.stream()
				.filter((candidate) -> JOBS_NAMESPACE.equals(candidate.getMetadata().getNamespace()))
				.flatMap((candidate) -> candidate.getSpec().getLimits().stream())
				.filter((item) -> "Container".equals(item.getType()))
				.anyMatch(AccessRules::completeContainerLimits);
			if (!limits) {
				violations.add(Violation.of("job-namespace", namespace,
						"needs a LimitRange giving containers default and defaultRequest cpu and memory, and a max memory"));
			}
		}
		return violations;
	}

	private static boolean completeContainerLimits(LimitRangeItem item) {
		Set<String> both = Set.of("cpu", "memory");
		return Workloads.orEmptyQuantities(item.getDefault()).keySet().containsAll(both)
				&& Workloads.orEmptyQuantities(item.getDefaultRequest()).keySet().containsAll(both)
				&& Workloads.orEmptyQuantities(item.getMax()).containsKey("memory");
	}

	static List<Violation> networkPolicies(List<HasMetadata> objects) {
		List<Violation> violations = new ArrayList<>();
		List<NetworkPolicy> policies = WiringRules.ofKind(objects, NetworkPolicy.class);
		if (policies.isEmpty()) {
			return violations;
		}
		for (String namespace : WiringRules.NAMESPACES) {
			boolean denyAll = policies.stream()
				.filter((policy) -> namespace.equals(policy.getMetadata().getNamespace()))
				.anyMatch((policy) -> isEmpty(policy.getSpec().getPodSelector())
						&& policy.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
						&& policy.getSpec().getIngress().isEmpty() && policy.getSpec().getEgress().isEmpty());
			if (!denyAll) {
				violations.add(new Violation("network-policies", "namespace " + namespace,
						"needs a default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)"));
			}
		}
		for (NetworkPolicy policy : policies) {
			boolean gatewayOnly = Map.of(WorkloadRules.NAME_LABEL, "gateway-service")
				.equals(Workloads.orEmpty(policy.getSpec().getPodSelector().getMatchLabels()))
					&& policy.getSpec().getPodSelector().getMatchExpressions().isEmpty();
			for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
				if (opensToOutside(rule) && !gatewayOnly) {
					violations.add(Violation.of("network-policies", policy,
							"admits traffic from outside the cluster's Corelake namespaces; only the gateway may"));
				}
			}
		}
		return violations;
	}

	/**
	 * Whether an ingress rule admits any source: no {@code from} at all, an IP block, or
	 * every namespace. A namespace selector naming labels admits chosen namespaces only.
	 */
	private static boolean opensToOutside(NetworkPolicyIngressRule rule) {
		if (rule.getFrom().isEmpty()) {
			return true;
		}
		for (NetworkPolicyPeer peer : rule.getFrom()) {
			if (peer.getIpBlock() != null
					|| (peer.getNamespaceSelector() != null && isEmpty(peer.getNamespaceSelector()))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isEmpty(LabelSelector selector) {
		return selector == null
				|| (Workloads.orEmpty(selector.getMatchLabels()).isEmpty() && selector.getMatchExpressions().isEmpty());
	}

	static List<Violation> scaling(List<HasMetadata> objects) {
		List<Violation> violations = new ArrayList<>();
		for (HorizontalPodAutoscaler autoscaler : WiringRules.ofKind(objects, HorizontalPodAutoscaler.class)) {
			var target = autoscaler.getSpec().getScaleTargetRef();
			Deployment deployment = WiringRules.ofKind(objects, Deployment.class)
				.stream()
				.filter((candidate) -> Manifests.name(candidate).equals(target.getName())
						&& WiringRules.namespace(candidate).equals(WiringRules.namespace(autoscaler)))
				.findFirst()
				.orElse(null);
			if (!"Deployment".equals(target.getKind()) || deployment == null) {
				violations.add(Violation.of("scaling", autoscaler,
						"scales " + target.getKind() + " " + target.getName() + ", which is not a Deployment here"));
				continue;
			}
			if (deployment.getSpec().getReplicas() != null) {
				violations.add(Violation.of("scaling", autoscaler, "its Deployment sets replicas, which every apply "
						+ "would reset under the autoscaler; leave replicas to the autoscaler"));
			}
		}
		for (PodDisruptionBudget budget : WiringRules.ofKind(objects, PodDisruptionBudget.class)) {
			Map<String, String> selector = Workloads.orEmpty(budget.getSpec().getSelector().getMatchLabels());
			boolean matches = !selector.isEmpty() && objects.stream()
				.filter((object) -> WiringRules.namespace(object).equals(WiringRules.namespace(budget)))
				.anyMatch((object) -> Workloads.podTemplate(object)
					.map((template) -> Workloads.orEmpty(template.getMetadata().getLabels())
						.entrySet()
						.containsAll(selector.entrySet()))
					.orElse(false));
			if (!matches) {
				violations.add(Violation.of("scaling", budget, "selector " + selector + " matches no workload's pods"));
			}
		}
		return violations;
	}

}
