package dev.corelake.config.system;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of config-service.
 *
 * @author Corelake
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConfigServiceProperties.class)
class ConfigConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
