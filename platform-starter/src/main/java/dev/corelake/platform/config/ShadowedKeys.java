package dev.corelake.platform.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Finds the keys of the config-service view that a property source of higher precedence
 * (an environment variable, a system property, a command-line argument) also sets, so the
 * service does not use config-service's value — the collision that config-service exists
 * to end. Matching follows Spring's relaxed binding, so {@code CORELAKE_CATALOG_PAGESIZE}
 * shadows {@code corelake.catalog.page-size}. Values are never reported.
 *
 * @author Corelake
 */
final class ShadowedKeys {

	private ShadowedKeys() {
	}

	/**
	 * The shadowed keys.
	 * @param environment the environment
	 * @param viewSource the name of the view's property source
	 * @return each shadowed key with the source that wins
	 */
	static List<Shadowed> find(ConfigurableEnvironment environment, String viewSource) {
		PropertySource<?> view = environment.getPropertySources().get(viewSource);
		if (!(view instanceof EnumerablePropertySource<?> enumerable)) {
			return List.of();
		}
		List<PropertySource<?>> above = new ArrayList<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source.getName().equals(viewSource)) {
				break;
			}
			if (!source.getName().equals("configurationProperties")) {
				above.add(source);
			}
		}
		List<Shadowed> shadowed = new ArrayList<>();
		for (String key : enumerable.getPropertyNames()) {
			ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
			if (name.isEmpty()) {
				continue;
			}
			for (ConfigurationPropertySource source : ConfigurationPropertySources.from(above)) {
				ConfigurationProperty property = source.getConfigurationProperty(name);
				if (property != null) {
					Object underlying = source.getUnderlyingSource();
					shadowed.add(new Shadowed(key,
							(underlying instanceof PropertySource<?> winner) ? winner.getName() : "unknown"));
					break;
				}
			}
		}
		return shadowed;
	}

	/**
	 * A shadowed key.
	 *
	 * @param key the key in config-service
	 * @param shadowedBy the property source whose value the service uses instead
	 */
	record Shadowed(String key, String shadowedBy) {
	}

}
