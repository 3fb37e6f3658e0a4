package dev.corelake.config.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.corelake.config.system.ConfigAccess;

/**
 * A view as the API shows it: what a service reads.
 *
 * @param namespace the service's namespace
 * @param profile the profile
 * @param revision the view's revision (the ETag without quotes; pass it to the watch)
 * @param properties the flattened properties, secret values masked for callers who may
 * not see them
 * @param secrets the keys whose values are secret
 * @param origins which namespace and profile each property comes from
 * ({@code namespace/profile})
 * @author Corelake
 */
record ViewResponse(String namespace, String profile, long revision, Map<String, String> properties,
		List<String> secrets, Map<String, String> origins) {

	static ViewResponse of(View view, boolean readsSecrets) {
		Map<String, String> properties = new LinkedHashMap<>();
		Map<String, String> origins = new LinkedHashMap<>();
		view.properties().forEach((key, value) -> {
			properties.put(key, ConfigAccess.shown(value.value(), value.secret(), readsSecrets));
			origins.put(key, view.origins().get(key).toString());
		});
		List<String> secrets = view.properties()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().secret())
			.map(Map.Entry::getKey)
			.toList();
		return new ViewResponse(view.namespace(), view.profile(), view.revision(), properties, secrets, origins);
	}

}
