package dev.corelake.platform.system;

import dev.corelake.errors.client.UpstreamFeignCapability;
import dev.corelake.platform.downstream.DownstreamClients;
import dev.corelake.platform.downstream.DownstreamProperties;
import dev.corelake.platform.downstream.DownstreamResilience;
import dev.corelake.platform.downstream.ResilientFeignCapability;
import dev.corelake.platform.security.ClientCredentialsTokens;
import dev.corelake.platform.web.RequestIdFilter;
import dev.corelake.platform.web.RequestIdPropagation;
import feign.RequestInterceptor;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.springboot.bulkhead.autoconfigure.BulkheadAutoConfiguration;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.openfeign.clientconfig.HttpClient5FeignConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.annotation.Order;
import org.springframework.web.client.RestClient;

/**
 * What every Corelake service gets: request ids, resilient downstream clients (RestClient
 * and OpenFeign) with one named resilience4j instance per downstream service.
 *
 * @author Corelake
 */
@AutoConfiguration(after = { CircuitBreakerAutoConfiguration.class, RetryAutoConfiguration.class,
		BulkheadAutoConfiguration.class })
@EnableConfigurationProperties(DownstreamProperties.class)
public class PlatformAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DownstreamResilience downstreamResilience(CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
			BulkheadRegistry bulkheads) {
		return new DownstreamResilience(circuitBreakers, retries, bulkheads);
	}

	@Bean
	@ConditionalOnMissingBean
	DownstreamClients downstreamClients(DownstreamProperties properties, DownstreamResilience resilience,
			ObjectProvider<RestClient.Builder> builders, ObjectProvider<ClientCredentialsTokens> serviceTokens) {
		return new DownstreamClients(properties, resilience, builders, serviceTokens);
	}

	@Bean
	@Order(0)
	UpstreamFeignCapability upstreamFeignCapability() {
		return new UpstreamFeignCapability();
	}

	@Bean
	@Order(1)
	ResilientFeignCapability resilientFeignCapability(DownstreamResilience resilience) {
		return new ResilientFeignCapability(resilience);
	}

	@Bean
	HttpClient5FeignConfiguration.HttpClientBuilderCustomizer noAutomaticRetriesFeignHttpClient() {
		// Retries are DownstreamResilience's (idempotent methods only): the
		// HttpClient's own would resend even a POST after a 503
		return HttpClientBuilder::disableAutomaticRetries;
	}

	@Bean
	RequestInterceptor requestIdFeignInterceptor() {
		return RequestIdPropagation.feignInterceptor();
	}

	@Bean
	@ConditionalOnWebApplication
	FilterRegistrationBean<RequestIdFilter> requestIdFilter(Environment environment) {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(
				new RequestIdFilter(environment.getProperty("spring.application.name")));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
