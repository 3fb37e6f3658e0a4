package dev.corelake.platform.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Validation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Wires the config client into a service that imports {@code corelake-config:}: the
 * watcher that applies pushed changes, the {@code corelakeConfig} health indicator
 * ({@code DEGRADED}, never {@code DOWN}, while running on a cache or cut off), the
 * {@code configclient} actuator endpoint, and a startup warning for shadowed keys.
 *
 * @author Corelake
 */
@AutoConfiguration
@ConditionalOnBean(name = ConfigClientAutoConfiguration.STATE_BEAN)
public class ConfigClientAutoConfiguration {

	/** The bean holding the client's state, registered by the loader. */
	public static final String STATE_BEAN = "corelakeConfigClientState";

	/** The health status of a service running on cached or no configuration. */
	public static final Status DEGRADED = new Status("DEGRADED", "running on cached or local configuration");

	private static final Log logger = LogFactory.getLog(ConfigClientAutoConfiguration.class);

	@Bean
	ConfigApplier corelakeConfigApplier(ConfigurableApplicationContext context,
			@Qualifier(STATE_BEAN) ConfigClientState state) {
		return new ConfigApplier(context, state, new ConfigCache(state.settings().cacheFile()),
				new SpringValidatorAdapter(Validation.buildDefaultValidatorFactory().getValidator()));
	}

	@Bean
	ConfigWatcher corelakeConfigWatcher(@Qualifier(STATE_BEAN) ConfigClientState state, ConfigApplier applier) {
		ConfigWatcher watcher = new ConfigWatcher(new ConfigServerClient(state.settings()), state, applier);
		return watcher;
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> corelakeConfigShadowWarning(ConfigurableApplicationContext context,
			@Qualifier(STATE_BEAN) ConfigClientState state) {
		return (event) -> {
			List<ShadowedKeys.Shadowed> shadowed = ShadowedKeys.find(context.getEnvironment(),
					state.settings().propertySourceName());
			if (!shadowed.isEmpty()) {
				logger.warn(shadowed.size() + " configuration key(s) from config-service are shadowed by local"
						+ " settings, so config-service's values are not used: " + shadowed);
			}
		};
	}

	/** Health and the actuator endpoint, when actuator is present. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, Endpoint.class })
	static class ActuatorConfiguration {

		@Bean
		HealthIndicator corelakeConfigHealthIndicator(@Qualifier(STATE_BEAN) ConfigClientState state) {
			return () -> Health.status(state.degraded() ? DEGRADED : Status.UP).withDetails(state.details()).build();
		}

		@Bean
		ConfigClientEndpoint configClientEndpoint(ConfigurableApplicationContext context,
				@Qualifier(STATE_BEAN) ConfigClientState state) {
			return new ConfigClientEndpoint(context, state);
		}

	}

	/** {@code /actuator/configclient}: the client's state and the shadowed keys. */
	@Endpoint(id = "configclient")
	public static class ConfigClientEndpoint {

		private final ConfigurableApplicationContext context;

		private final ConfigClientState state;

		ConfigClientEndpoint(ConfigurableApplicationContext context, ConfigClientState state) {
			this.context = context;
			this.state = state;
		}

		/**
		 * The client's state.
		 * @return source, revision, errors, rejections and shadowed keys
		 */
		@ReadOperation
		public Map<String, Object> report() {
			Map<String, Object> report = new LinkedHashMap<>(this.state.details());
			report.put("shadowed",
					ShadowedKeys.find(this.context.getEnvironment(), this.state.settings().propertySourceName()));
			return report;
		}

	}

}
