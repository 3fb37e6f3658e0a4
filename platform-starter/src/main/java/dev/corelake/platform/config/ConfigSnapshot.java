package dev.corelake.platform.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's view as config-service answered it (the few fields the client reads).
 *
 * @param namespace namespace
 * @param profile profile
 * @param revision revision
 * @param properties flattened properties
 * @param secrets keys whose values are secret
 * @author Corelake
 */
record ConfigSnapshot(String namespace, String profile, long revision, Map<String, String> properties,
		List<String> secrets) {

	/** The value config-service shows for a secret the caller may not read. */
	static final String MASK = "******";

	/**
	 * The properties to put into the environment: secrets this client may not read are
	 * left out rather than bound as {@value #MASK}.
	 * @return the usable properties
	 */
	Map<String, Object> usable() {
		Map<String, Object> usable = new LinkedHashMap<>();
		this.properties.forEach((key, value) -> {
			boolean masked = this.secrets != null && this.secrets.contains(key) && MASK.equals(value);
			if (!masked) {
				usable.put(key, value);
			}
		});
		return usable;
	}

}
