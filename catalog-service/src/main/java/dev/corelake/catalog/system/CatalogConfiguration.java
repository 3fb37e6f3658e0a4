package dev.corelake.catalog.system;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wiring of catalog-service.
 *
 * @author Corelake
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ListingProperties.class)
@EnableScheduling
class CatalogConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
