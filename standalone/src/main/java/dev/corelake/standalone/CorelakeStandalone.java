package dev.corelake.standalone;

import java.nio.file.Path;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * {@code ./corelake up}: boots the whole platform with embedded defaults in one JVM,
 * prints where each service answers, and stops everything cleanly on Ctrl-C (SIGINT) or
 * SIGTERM.
 * <p>
 * Data lives under {@code CORELAKE_DATA_DIR} (default {@code ./data}); each service's
 * port comes from {@code CORELAKE_<SERVICE>_PORT} (e.g. {@code CORELAKE_CATALOG_PORT}) or
 * its default.
 *
 * @author Corelake
 */
public final class CorelakeStandalone {

	private static final Log log = LogFactory.getLog(CorelakeStandalone.class);

	private CorelakeStandalone() {
	}

	/**
	 * Starts the platform, or with the argument {@code demo} runs the user journey
	 * ({@link Demo}).
	 * @param args none (or {@code up}) to start the platform, {@code demo} for the demo
	 */
	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("demo")) {
			System.exit(Demo.run(System.getenv(), System.out));
			return;
		}
		PlatformLauncher.RunningPlatform platform = boot(System.getenv());
		Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "corelake-shutdown"));
	}

	/**
	 * Starts the platform as configured by environment variables and prints where each
	 * service answers.
	 * @param environment the variables ({@code CORELAKE_DATA_DIR},
	 * {@code CORELAKE_LAKE_URI}, {@code CORELAKE_<SERVICE>_PORT},
	 * {@code CORELAKE_<SERVICE>_MANAGEMENT_PORT})
	 * @return the running platform
	 */
	static PlatformLauncher.RunningPlatform boot(Map<String, String> environment) {
		return boot(environment, Map.of());
	}

	/**
	 * Starts the platform as configured by environment variables, with further properties
	 * for every service, and prints where each service answers.
	 * @param environment the variables
	 * @param properties further properties for every service (they win over the
	 * variables)
	 * @return the running platform
	 */
	static PlatformLauncher.RunningPlatform boot(Map<String, String> environment, Map<String, Object> properties) {
		long started = System.nanoTime();
		Path dataDir = Path.of(value(environment, "CORELAKE_DATA_DIR", "data"));
		// read every port before starting anything, so a bad value fails at once, by name
		Map<String, Integer> ports = new java.util.HashMap<>();
		Map<String, Integer> managementPorts = new java.util.HashMap<>();
		for (ServiceDefinition service : PlatformLauncher.SERVICES) {
			ports.put(service.name(), port(environment, service.portVariable(), service.port()));
			managementPorts.put(service.name(),
					port(environment, service.managementPortVariable(), service.managementPort()));
		}
		// the lake defaults to <data dir>/lake; CORELAKE_LAKE_URI points it elsewhere
		// (HDFS)
		Map<String, Object> extra = new java.util.HashMap<>();
		if (environment.get("CORELAKE_LAKE_URI") != null && !environment.get("CORELAKE_LAKE_URI").isBlank()) {
			extra.put("corelake.lake.uri", environment.get("CORELAKE_LAKE_URI").trim());
		}
		extra.putAll(properties);
		PlatformLauncher.RunningPlatform platform = PlatformLauncher.start(dataDir,
				(service) -> ports.get(service.name()), (service) -> managementPorts.get(service.name()), extra);
		StringBuilder banner = new StringBuilder("\n\nCorelake is up in ")
			.append((System.nanoTime() - started) / 1_000_000)
			.append(" ms (data in ")
			.append(dataDir.toAbsolutePath())
			.append(")\n");
		for (String service : platform.services()) {
			banner.append(String.format("  %-18s %s%n", service, platform.url(service)));
		}
		banner.append("Press Ctrl-C to stop.\n");
		log.info(banner);
		return platform;
	}

	private static int port(Map<String, String> environment, String variable, int fallback) {
		String value = value(environment, variable, Integer.toString(fallback));
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(variable + " must be a port number, not '" + value + "'", ex);
		}
	}

	private static String value(Map<String, String> environment, String name, String fallback) {
		String value = environment.get(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
