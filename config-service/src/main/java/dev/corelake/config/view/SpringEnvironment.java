package dev.corelake.config.view;

import java.util.List;
import java.util.Map;

/**
 * A view in the JSON shape of a Spring Cloud Config Server {@code Environment}, so that a
 * stock Spring application reads Corelake configuration with
 * {@code spring.config.import=configserver:}.
 *
 * @param name the application (namespace)
 * @param profiles the profiles asked for
 * @param label always {@code null}: Corelake has no labels
 * @param version the newest revision among the layers
 * @param state always {@code null}
 * @param propertySources the layers, highest precedence first
 * @author Corelake
 */
record SpringEnvironment(String name, List<String> profiles, String label, String version, String state,
		List<PropertySource> propertySources) {

	/**
	 * One layer.
	 *
	 * @param name {@code corelake:<namespace>/<profile>}
	 * @param source its properties
	 */
	record PropertySource(String name, Map<String, String> source) {

	}

}
