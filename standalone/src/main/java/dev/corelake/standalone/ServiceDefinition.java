package dev.corelake.standalone;

/**
 * A service the all-in-one mode boots.
 *
 * @param name service name, also its {@code spring.application.name}
 * @param application the service's {@code @SpringBootApplication} class
 * @param port default API port
 * @param managementPort default management port (health, metrics)
 * @param shortName the name in its environment variables ({@code CORELAKE_<SHORT>_PORT}),
 * by default the service name without {@code -service}
 * @author Corelake
 */
public record ServiceDefinition(String name, Class<?> application, int port, int managementPort, String shortName) {

	/**
	 * A service whose variables are named after it, e.g. {@code CORELAKE_CATALOG_PORT}.
	 * @param name service name
	 * @param application its application class
	 * @param port default API port
	 * @param managementPort default management port
	 */
	public ServiceDefinition(String name, Class<?> application, int port, int managementPort) {
		this(name, application, port, managementPort,
				name.endsWith("-service") ? name.substring(0, name.length() - 8) : name);
	}

	/**
	 * The environment variable overriding the API port, e.g.
	 * {@code CORELAKE_CATALOG_PORT}. The {@code CORELAKE_} prefix matters: Kubernetes
	 * injects {@code CATALOG_SERVICE_PORT} (and more) into every pod of a namespace with
	 * a Service named {@code catalog-service}, which would silently override a variable
	 * of that name.
	 * @return the variable name
	 */
	public String portVariable() {
		return prefix() + "_PORT";
	}

	/**
	 * The environment variable overriding the management port, e.g.
	 * {@code CORELAKE_CATALOG_MANAGEMENT_PORT}.
	 * @return the variable name
	 */
	public String managementPortVariable() {
		return prefix() + "_MANAGEMENT_PORT";
	}

	private String prefix() {
		return "CORELAKE_" + this.shortName.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
	}

}
