package dev.corelake.config.view;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.corelake.config.property.PropertyValue;
import dev.corelake.config.property.Scope;
import dev.corelake.config.property.ScopeKey;

/**
 * A service's configuration: its layers merged, later layers winning.
 *
 * @param namespace the service's namespace
 * @param profile the profile
 * @param revision the newest revision among the layers (0 when none was written)
 * @param properties the merged properties
 * @param origins which layer each merged property comes from
 * @param layers the layers, lowest precedence first
 * @author Corelake
 */
record View(String namespace, String profile, long revision, SortedMap<String, PropertyValue> properties,
		SortedMap<String, ScopeKey> origins, List<Scope> layers) {

	/**
	 * The layers of a view, lowest precedence first, in the order Spring Cloud Config
	 * uses: {@code application/default}, {@code <namespace>/default},
	 * {@code application/<profile>}, {@code <namespace>/<profile>}.
	 * @param namespace the namespace
	 * @param profile the profile
	 * @return the distinct layers
	 */
	static List<ScopeKey> layerKeys(String namespace, String profile) {
		List<ScopeKey> keys = new ArrayList<>();
		for (String p : List.of(ScopeKey.DEFAULT_PROFILE, profile)) {
			for (String n : List.of(ScopeKey.APPLICATION, namespace)) {
				ScopeKey key = new ScopeKey(n, p);
				if (!keys.contains(key)) {
					keys.add(key);
				}
			}
		}
		return keys;
	}

	static View merge(String namespace, String profile, List<Scope> layers) {
		SortedMap<String, PropertyValue> properties = new TreeMap<>();
		SortedMap<String, ScopeKey> origins = new TreeMap<>();
		long revision = 0;
		for (Scope layer : layers) {
			properties.putAll(layer.properties());
			layer.properties().keySet().forEach((key) -> origins.put(key, layer.key()));
			revision = Math.max(revision, layer.revision());
		}
		return new View(namespace, profile, revision, properties, origins, List.copyOf(layers));
	}

}
