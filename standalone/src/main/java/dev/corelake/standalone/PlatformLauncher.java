package dev.corelake.standalone;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.corelake.auth.AuthServiceApplication;
import dev.corelake.catalog.CatalogServiceApplication;
import dev.corelake.config.ConfigServiceApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Boots every Corelake service in this JVM, each as its own Spring application context on
 * its own port, exactly as it would run alone: services share no beans and no static
 * state, and talk to each other over HTTP.
 *
 * @author Corelake
 */
public final class PlatformLauncher {

	/**
	 * The services of the platform. auth-service comes first and is started before the
	 * others, which are told where it answers (they read its signing keys and
	 * revocations).
	 */
	public static final List<ServiceDefinition> SERVICES = List.of(
			new ServiceDefinition("auth-service", AuthServiceApplication.class, 8081, 9081),
			new ServiceDefinition("config-service", ConfigServiceApplication.class, 8082, 9082),
			new ServiceDefinition("catalog-service", CatalogServiceApplication.class, 8083, 9083));

	private PlatformLauncher() {
	}

	/**
	 * Starts every service.
	 * @param dataDir where services keep their data
	 * @param portOf chooses the API port of a service (0 for a random one)
	 * @param managementPortOf chooses the management port of a service
	 * @param extraProperties further properties for every service
	 * @return the running platform
	 */
	public static RunningPlatform start(Path dataDir, java.util.function.ToIntFunction<ServiceDefinition> portOf,
			java.util.function.ToIntFunction<ServiceDefinition> managementPortOf, Map<String, Object> extraProperties) {
		ExecutorService starter = Executors.newFixedThreadPool(Math.max(1, Math.min(SERVICES.size(), 4)));
		Map<String, CompletableFuture<ConfigurableApplicationContext>> starting = new LinkedHashMap<>();
		try {
			Map<String, Object> shared = new LinkedHashMap<>(extraProperties);
			// one logging system serves every service here: name the service per request
			// (MDC)
			// instead of the application name, which the last service started would win
			shared.putIfAbsent("logging.include-application-name", false);
			shared.putIfAbsent("logging.pattern.level", "%5p [%X{service:-platform}]");
			for (ServiceDefinition service : SERVICES) {
				starting.put(service.name(), CompletableFuture
					.supplyAsync(() -> startService(service, dataDir, portOf, managementPortOf, shared), starter));
				if (service == SERVICES.get(0)) {
					ConfigurableApplicationContext auth;
					try {
						auth = starting.get(service.name()).join();
					}
					catch (CompletionException ex) {
						throw new IllegalStateException(service.name() + " failed to start", ex.getCause());
					}
					shared.put("corelake.platform.security.auth-url", "http://localhost:" + portOf(auth));
				}
			}
			Map<String, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();
			List<Throwable> failures = new ArrayList<>();
			starting.forEach((name, future) -> {
				try {
					contexts.put(name, future.join());
				}
				catch (CompletionException ex) {
					failures.add(ex.getCause());
				}
			});
			RunningPlatform platform = new RunningPlatform(contexts);
			if (!failures.isEmpty()) {
				platform.close();
				IllegalStateException failure = new IllegalStateException("Corelake failed to start", failures.get(0));
				failures.stream().skip(1).forEach(failure::addSuppressed);
				throw failure;
			}
			return platform;
		}
		finally {
			starter.shutdown();
		}
	}

	private static ConfigurableApplicationContext startService(ServiceDefinition service, Path dataDir,
			java.util.function.ToIntFunction<ServiceDefinition> portOf,
			java.util.function.ToIntFunction<ServiceDefinition> managementPortOf, Map<String, Object> shared) {
		Map<String, Object> properties = new LinkedHashMap<>(shared);
		// each service reads its own <name>.yml; they share this JVM's class path
		properties.put("spring.config.name", service.name());
		properties.put("server.port", portOf.applyAsInt(service));
		properties.put("management.server.port", managementPortOf.applyAsInt(service));
		properties.put("corelake.data-dir", dataDir.toAbsolutePath().toString());
		// Passed as command-line arguments: they outrank the service's own
		// application.yml, as
		// they would for the service running alone.
		String[] args = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(service.application()).registerShutdownHook(false).run(args);
	}

	/**
	 * The API port a running service listens on.
	 * @param context the service's context
	 * @return the port
	 */
	static int portOf(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/**
	 * A booted platform.
	 */
	public static final class RunningPlatform implements AutoCloseable {

		private final Map<String, ConfigurableApplicationContext> contexts;

		RunningPlatform(Map<String, ConfigurableApplicationContext> contexts) {
			this.contexts = contexts;
		}

		/**
		 * The API port of a service.
		 * @param service the service name
		 * @return the port
		 */
		public int port(String service) {
			return portOf(context(service));
		}

		/**
		 * The base URL of a service's API.
		 * @param service the service name
		 * @return the URL
		 */
		public String url(String service) {
			return "http://localhost:" + port(service);
		}

		/**
		 * The application context of a service.
		 * @param service the service name
		 * @return the context
		 */
		public ConfigurableApplicationContext context(String service) {
			ConfigurableApplicationContext context = this.contexts.get(service);
			if (context == null) {
				throw new IllegalArgumentException("No running service named " + service);
			}
			return context;
		}

		/**
		 * The names of the running services.
		 * @return the names, in start order
		 */
		public List<String> services() {
			return List.copyOf(this.contexts.keySet());
		}

		/**
		 * Stops every service, the last started first, each finishing its in-flight
		 * requests.
		 */
		@Override
		public void close() {
			List<ConfigurableApplicationContext> reversed = new ArrayList<>(this.contexts.values());
			java.util.Collections.reverse(reversed);
			reversed.forEach(ConfigurableApplicationContext::close);
		}

	}

}
