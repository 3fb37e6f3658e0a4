package dev.corelake.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * A manifest that breaks a deployment rule.
 *
 * @param rule the rule's id, as listed in docs/deploy.md
 * @param object the object, as {@code Kind namespace/name}
 * @param message what is wrong
 * @author Corelake
 */
record Violation(String rule, String object, String message) {

	static Violation of(String rule, HasMetadata object, String message) {
		String namespace = (object.getMetadata() != null && object.getMetadata().getNamespace() != null)
				? object.getMetadata().getNamespace() + "/" : "";
		return new Violation(rule, object.getKind() + " " + namespace + Manifests.name(object), message);
	}

	@Override
	public String toString() {
		return "[" + this.rule + "] " + this.object + ": " + this.message;
	}

}
