package dev.corelake.platform.config;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.logging.Log;

import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.MapPropertySource;

/**
 * Loads a service's view at startup. When config-service answers, the view is used and
 * written to the cache file; when it does not, the cached view is used and the service
 * starts degraded. With neither, startup fails with a message naming both (or, for
 * {@code optional:corelake-config:}, the service starts on its local defaults).
 *
 * @author Corelake
 */
public class CorelakeConfigDataLoader implements ConfigDataLoader<CorelakeConfigDataResource> {

	private final Log logger;

	/**
	 * Creates the loader.
	 * @param logs deferred logging (the logging system is not up yet)
	 */
	public CorelakeConfigDataLoader(DeferredLogFactory logs) {
		this.logger = logs.getLog(CorelakeConfigDataLoader.class);
	}

	@Override
	public ConfigData load(ConfigDataLoaderContext context, CorelakeConfigDataResource resource) throws IOException {
		if (resource.disabled()) {
			this.logger.info("corelake.config.client.enabled=false: not reading configuration from config-service");
			return new ConfigData(List.of());
		}
		ConfigClientSettings settings = resource.settings();
		ConfigCache cache = new ConfigCache(settings.cacheFile());
		ConfigSnapshot snapshot;
		ConfigClientState state;
		try {
			snapshot = new ConfigServerClient(settings).fetch();
			cache.write(snapshot);
			state = new ConfigClientState(settings, ConfigClientState.Source.SERVER, snapshot.revision(), null);
			this.logger.info("Configuration " + settings.namespace() + "/" + settings.profile() + " revision "
					+ snapshot.revision() + " from " + settings.uri());
		}
		catch (IOException ex) {
			Optional<ConfigSnapshot> cached = cache.read(settings.namespace(), settings.profile());
			if (cached.isEmpty()) {
				String reason = "config-service at " + settings.uri() + " did not answer (" + ex.getMessage()
						+ ") and there is no usable cache at " + settings.cacheFile();
				if (resource.optional()) {
					this.logger.warn(reason + "; starting on local defaults");
					register(context.getBootstrapContext(),
							new ConfigClientState(settings, ConfigClientState.Source.NONE, 0, ex.getMessage()));
				}
				throw new ConfigDataResourceNotFoundException(resource, new IllegalStateException(reason, ex));
			}
			snapshot = cached.get();
			state = new ConfigClientState(settings, ConfigClientState.Source.CACHE, snapshot.revision(),
					ex.getMessage());
			this.logger.warn("config-service at " + settings.uri() + " did not answer (" + ex.getMessage()
					+ "); starting from the cached configuration, revision " + snapshot.revision());
		}
		register(context.getBootstrapContext(), state);
		Map<String, Object> properties = snapshot.usable();
		if (properties.size() < snapshot.properties().size()) {
			this.logger.warn("Secret configuration values are masked for this client (it lacks the config.secrets"
					+ " scope); they are left out");
		}
		return new ConfigData(List.of(new MapPropertySource(settings.propertySourceName(), properties)));
	}

	/** Hands the state to the application context once it exists. */
	private static void register(ConfigurableBootstrapContext bootstrap, ConfigClientState state) {
		bootstrap.register(ConfigClientState.class, InstanceSupplier.of(state));
		bootstrap.addCloseListener((event) -> {
			var beans = event.getApplicationContext().getBeanFactory();
			if (!beans.containsSingleton(ConfigClientAutoConfiguration.STATE_BEAN)) {
				beans.registerSingleton(ConfigClientAutoConfiguration.STATE_BEAN,
						event.getBootstrapContext().get(ConfigClientState.class));
			}
		});
	}

}
