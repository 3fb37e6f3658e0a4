package dev.corelake.config.property;

/**
 * One namespace and profile.
 *
 * @param namespace {@value #APPLICATION} (shared by all services) or a service name
 * @param profile {@value #DEFAULT_PROFILE} or a deployment profile such as {@code prod}
 * @author Corelake
 */
public record ScopeKey(String namespace, String profile) {

	/** The namespace every service reads. */
	public static final String APPLICATION = "application";

	/** The profile every view includes. */
	public static final String DEFAULT_PROFILE = "default";

	@Override
	public String toString() {
		return this.namespace + "/" + this.profile;
	}

}
