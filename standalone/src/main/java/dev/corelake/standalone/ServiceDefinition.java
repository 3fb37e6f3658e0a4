package dev.corelake.standalone;

/**
 * A service the all-in-one mode boots.
 *
 * @param name service name, also its {@code spring.application.name}
 * @param application the service's {@code @SpringBootApplication} class
 * @param port default API port
 * @param managementPort default management port (health, metrics)
 * @author Corelake
 */
public record ServiceDefinition(String name, Class<?> application, int port, int managementPort) {

	/**
	 * The environment variable overriding the API port, e.g.
	 * {@code CATALOG_SERVICE_PORT}.
	 * @return the variable name
	 */
	public String portVariable() {
		return this.name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_PORT";
	}

	/**
	 * The environment variable overriding the management port.
	 * @return the variable name
	 */
	public String managementPortVariable() {
		return this.name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_MANAGEMENT_PORT";
	}

}
