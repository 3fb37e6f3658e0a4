package dev.corelake.gateway.edge;

import dev.corelake.errors.web.ProblemWriter;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The edge filters, in the order a request meets them: after the request id (platform
 * starter, {@code HIGHEST_PRECEDENCE + 10}) come the path check, the header size limit,
 * the client address, then the body limit (error contract, {@code + 20}) and CORS; Spring
 * Security (JWT) follows at {@code -100}, then the rate limits.
 *
 * @author Corelake
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ EdgeProperties.class, CorsProperties.class })
class EdgeConfiguration {

	@Bean
	FilterRegistrationBean<PathGuardFilter> pathGuardFilter(ProblemWriter problems) {
		return registration(new PathGuardFilter(problems), Ordered.HIGHEST_PRECEDENCE + 12);
	}

	@Bean
	FilterRegistrationBean<HeaderSizeFilter> headerSizeFilter(EdgeProperties properties, ProblemWriter problems) {
		return registration(new HeaderSizeFilter(properties.maxRequestHeaderSize().toBytes(), problems),
				Ordered.HIGHEST_PRECEDENCE + 14);
	}

	@Bean
	FilterRegistrationBean<ForwardedHeadersFilter> forwardedHeadersFilter(EdgeProperties properties) {
		return registration(new ForwardedHeadersFilter(properties.trustedProxies()), Ordered.HIGHEST_PRECEDENCE + 16);
	}

	@Bean
	FilterRegistrationBean<EdgeCorsFilter> edgeCorsFilter(CorsProperties properties, ProblemWriter problems) {
		return registration(new EdgeCorsFilter(properties, problems), Ordered.HIGHEST_PRECEDENCE + 22);
	}

	private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> registration(F filter, int order) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(order);
		return registration;
	}

}
