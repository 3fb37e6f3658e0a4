package dev.corelake.gateway.ratelimit;

import dev.corelake.errors.web.ProblemWriter;
import dev.corelake.gateway.route.RouteLookup;
import io.github.bucket4j.TimeMeter;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rate limits, right after Spring Security (which runs at {@code -100}) so that the
 * token's subject is known.
 *
 * @author Corelake
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
@ConditionalOnBooleanProperty(name = "corelake.gateway.rate-limits.enabled", matchIfMissing = true)
class RateLimitConfiguration {

	@Bean
	RateLimiter rateLimiter(RateLimitProperties properties) {
		return new RateLimiter(properties, TimeMeter.SYSTEM_NANOTIME);
	}

	@Bean
	FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimiter limiter, RouteLookup routes,
			ProblemWriter problems) {
		FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
				new RateLimitFilter(limiter, routes, problems));
		registration.setOrder(-90);
		return registration;
	}

}
