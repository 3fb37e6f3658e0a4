package dev.corelake.config.system;

import java.time.Clock;

import dev.corelake.errors.web.ProblemWriter;
import dev.corelake.platform.security.SecurityProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
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

	/**
	 * Basic credentials on the Spring Cloud Config paths become a bearer token before
	 * platform security looks at the request.
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = "corelake.platform.security.enabled", matchIfMissing = true)
	FilterRegistrationBean<ClientSecretExchangeFilter> clientSecretExchangeFilter(SecurityProperties security,
			ProblemWriter problems, Clock clock) {
		FilterRegistrationBean<ClientSecretExchangeFilter> registration = new FilterRegistrationBean<>(
				new ClientSecretExchangeFilter(security.tokenUri().toString(), problems, clock));
		registration.addUrlPatterns(ClientSecretExchangeFilter.PATH + "*");
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
		return registration;
	}

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
