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
	 * Starts the platform.
	 * @param args ignored
	 */
	public static void main(String[] args) {
		long started = System.nanoTime();
		Path dataDir = Path.of(env("CORELAKE_DATA_DIR", "data"));
		PlatformLauncher.RunningPlatform platform = PlatformLauncher.start(dataDir,
				(service) -> Integer.parseInt(env(service.portVariable(), Integer.toString(service.port()))),
				(service) -> Integer
					.parseInt(env(service.managementPortVariable(), Integer.toString(service.managementPort()))),
				Map.of());
		Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "corelake-shutdown"));
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
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
