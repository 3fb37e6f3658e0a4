package dev.corelake.standalone;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.corelake.auth.AuthServiceApplication;
import dev.corelake.catalog.CatalogServiceApplication;
import dev.corelake.compute.ComputeServiceApplication;
import dev.corelake.config.ConfigServiceApplication;
import dev.corelake.gateway.GatewayServiceApplication;
import dev.corelake.model.AiModelServiceApplication;
import dev.corelake.sync.SyncServiceApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Boots every Corelake service in this JVM, each as its own Spring application context on
 * its own port, exactly as it would run alone: services share no beans and no static
 * state, and talk to each other over HTTP. auth-service bootstraps the platform's API
 * client with a secret generated at each start; every other service calls with that
 * client, and every service but auth-service and config-service (which cannot read their
 * settings from themselves, or before auth-service answers) takes its settings from
 * config-service through {@code optional:corelake-config:} in its own configuration file.
 *
 * @author Corelake
 */
public final class PlatformLauncher {

	/**
	 * The services of the platform, started one after the other in this order.
	 * auth-service and config-service come first: every later service is told where they
	 * answer ({@link #STARTED_ALONE}), reads auth-service's signing keys and revocations,
	 * and takes its settings from config-service. gateway-service comes last: it is told
	 * where every other service answers ({@link #GATEWAY}); new services go before it.
	 */
	public static final List<ServiceDefinition> SERVICES = List.of(
			new ServiceDefinition("auth-service", AuthServiceApplication.class, 8081, 9081),
			new ServiceDefinition("config-service", ConfigServiceApplication.class, 8082, 9082),
			new ServiceDefinition("catalog-service", CatalogServiceApplication.class, 8083, 9083),
			new ServiceDefinition("data-sync-service", SyncServiceApplication.class, 8084, 9084, "SYNC"),
			new ServiceDefinition("compute-service", ComputeServiceApplication.class, 8085, 9085),
			new ServiceDefinition("ai-model-service", AiModelServiceApplication.class, 8086, 9086),
			new ServiceDefinition("gateway-service", GatewayServiceApplication.class, 8080, 9080));

	/** The service that fronts the others; it starts last. */
	static final String GATEWAY = "gateway-service";

	/**
	 * Spring Cloud Gateway's auto-configurations, which only the gateway may run (its own
	 * switch, {@code spring.cloud.gateway.server.webmvc.enabled=false}, leaves a filter
	 * configuration without its properties). A service that needs its own
	 * {@code spring.autoconfigure.exclude} must repeat these.
	 */
	static final String GATEWAY_AUTO_CONFIGURATIONS = String.join(",",
			"org.springframework.cloud.gateway.server.mvc.GatewayServerMvcAutoConfiguration",
			"org.springframework.cloud.gateway.server.mvc.GatewayMvcClassPathWarningAutoConfiguration",
			"org.springframework.cloud.gateway.server.mvc.filter.FilterAutoConfiguration",
			"org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctionAutoConfiguration",
			"org.springframework.cloud.gateway.server.mvc.handler.GatewayMultipartAutoConfiguration",
			"org.springframework.cloud.gateway.server.mvc.predicate.PredicateAutoConfiguration",
			"org.springframework.cloud.gateway.server.mvc.config.DefaultFunctionConfiguration");

	/**
	 * The services the later ones depend on, each with the property that tells the
	 * services started after it its address.
	 */
	static final Map<String, String> STARTED_ALONE = orderedMap("auth-service", "corelake.platform.security.auth-url",
			"config-service", "corelake.config.client.uri", "catalog-service",
			"corelake.platform.downstream.services.catalog-service.url", "compute-service",
			"corelake.platform.downstream.services.compute-service.url");

	/** The API client the services use for their own calls (to config-service). */
	static final String PLATFORM_CLIENT_ID = "corelake-platform";

	/**
	 * The platform client's scopes: any valid token reads config-service; the named
	 * scopes say what the client is for.
	 */
	static final List<String> PLATFORM_CLIENT_SCOPES = List.of("platform", "config.read", "catalog.read",
			"catalog.write", "compute.read", "compute.write");

	private static final SecureRandom RANDOM = new SecureRandom();

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
		Map<String, Object> shared = new LinkedHashMap<>(extraProperties);
		// one logging system serves every service here: name the service per request
		// (MDC)
		// instead of the application name, which the last service started would win
		shared.putIfAbsent("logging.include-application-name", false);
		shared.putIfAbsent("logging.pattern.level", "%5p [%X{service:-platform}]");
		// one lake for every service that reads or writes it: <data dir>/lake
		shared.putIfAbsent("corelake.lake.uri", "file:" + dataDir.toAbsolutePath().normalize().resolve("lake"));
		// a fresh secret at every start: auth-service (re)creates the platform client
		// with
		// it, the other services use it for their client-credentials tokens
		String platformSecret = newSecret();
		// One after the other: Spring Boot initialises the JVM-wide logging system while
		// each
		// application starts, which is not safe from two threads at once.
		Map<String, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();
		// where each service answers, for the gateway (settings given by the caller win)
		Map<String, Object> upstreams = new LinkedHashMap<>();
		try {
			for (ServiceDefinition service : SERVICES) {
				Map<String, Object> properties = new LinkedHashMap<>(shared);
				if (service.name().equals(GATEWAY)) {
					upstreams.forEach(properties::putIfAbsent);
				}
				else {
					// the gateway's libraries share this class path: keep its proxy, its
					// servlet filters (one rewrites form bodies), its multipart handling
					// and
					// the API explorer out of the other services
					properties.put("spring.autoconfigure.exclude", GATEWAY_AUTO_CONFIGURATIONS);
					properties.put("spring.servlet.multipart.enabled", true);
					properties.put("springdoc.swagger-ui.enabled", false);
				}
				if (service == SERVICES.get(0)) {
					properties.put("corelake.auth.platform-client.client-id", PLATFORM_CLIENT_ID);
					properties.put("corelake.auth.platform-client.secret", platformSecret);
					properties.put("corelake.auth.platform-client.scopes", String.join(",", PLATFORM_CLIENT_SCOPES));
				}
				else {
					properties.put("corelake.platform.security.client-id", PLATFORM_CLIENT_ID);
					properties.put("corelake.platform.security.client-secret", platformSecret);
				}
				ConfigurableApplicationContext context = startService(service, dataDir, portOf, managementPortOf,
						properties);
				contexts.put(service.name(), context);
				String prefix = "corelake.gateway.services." + service.name();
				upstreams.put(prefix + ".url", "http://localhost:" + portOf(context));
				upstreams.put(prefix + ".health-url", "http://localhost:"
						+ context.getEnvironment().getProperty("local.management.port") + "/actuator/health/readiness");
				String addressProperty = STARTED_ALONE.get(service.name());
				if (addressProperty != null) {
					// an address given by the caller wins (a test may put a proxy in
					// front of the service)
					shared.putIfAbsent(addressProperty, "http://localhost:" + portOf(context));
				}
			}
			return new RunningPlatform(contexts);
		}
		catch (RuntimeException ex) {
			// stop what did start, last first
			new RunningPlatform(contexts).close();
			throw new IllegalStateException("Corelake failed to start", ex);
		}
	}

	/**
	 * A random secret for the platform client: 32 bytes from {@link SecureRandom},
	 * Base64url (43 characters).
	 * @return the secret
	 */
	static String newSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static Map<String, String> orderedMap(String... keysAndValues) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		return java.util.Collections.unmodifiableMap(map);
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
		 * Puts a new context in the place of a service's (the service was started again
		 * on the same ports); {@link #close()} stops the new one. Only tests restart a
		 * single service (see {@code ServiceControl} in this module's tests).
		 * @param service the service name
		 * @param context its new context
		 */
		void replace(String service, ConfigurableApplicationContext context) {
			if (!this.contexts.containsKey(service)) {
				throw new IllegalArgumentException("No service named " + service);
			}
			this.contexts.put(service, context);
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
