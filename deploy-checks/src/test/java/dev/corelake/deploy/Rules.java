package dev.corelake.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Every deployment rule, by id (docs/deploy.md explains each). A rule looks at a set of
 * objects (one file, a directory, or a rendered overlay) and reports what breaks it.
 *
 * @author Corelake
 */
final class Rules {

	static final List<Rule> ALL = List.of(new Rule("labels", WorkloadRules::labels),
			new Rule("namespace", WiringRules::namespaces), new Rule("image", WorkloadRules::images),
			new Rule("resources", WorkloadRules::resources),
			new Rule("security-context", WorkloadRules::securityContext), new Rule("probes", WorkloadRules::probes),
			new Rule("shutdown", WorkloadRules::shutdown), new Rule("memory-budget", WorkloadRules::memoryBudget),
			new Rule("selectors", WiringRules::selectors), new Rule("ports", WiringRules::ports),
			new Rule("settings", WiringRules::settings), new Rule("service-account", WiringRules::serviceAccounts),
			new Rule("secrets", WiringRules::secrets), new Rule("rbac", AccessRules::rbac),
			new Rule("job-namespace", AccessRules::jobNamespace),
			new Rule("network-policies", AccessRules::networkPolicies), new Rule("scaling", AccessRules::scaling));

	private Rules() {
	}

	/**
	 * Applies every rule.
	 * @param objects the objects
	 * @return every violation
	 */
	static List<Violation> check(List<HasMetadata> objects) {
		List<Violation> violations = new ArrayList<>();
		ALL.forEach((rule) -> violations.addAll(rule.check().apply(objects)));
		return violations;
	}

	/**
	 * One rule.
	 *
	 * @param id its id
	 * @param check what it checks
	 */
	record Rule(String id, Function<List<HasMetadata>, List<Violation>> check) {

		@Override
		public String toString() {
			return this.id;
		}

	}

}
