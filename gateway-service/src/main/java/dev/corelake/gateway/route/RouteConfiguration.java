package dev.corelake.gateway.route;

import java.time.Clock;
import java.util.Map;

import dev.corelake.errors.web.ProblemWriter;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * Builds the routes from {@link UpstreamProperties}: one HTTP client per upstream (pooled
 * Apache HttpClient 5 with the route's connect and response timeouts, no redirects, no
 * automatic retries, no content decoding) and one guard per upstream over the
 * resilience4j instances named after it.
 * <p>
 * Each route's proxy is Spring Cloud Gateway's handler function over an
 * {@link UpstreamExchange} on the upstream's request factory (no {@code RestClient} and
 * its client observation in between). The request's own observation stays (the
 * {@code http.server.requests} timer and the gateway's span), {@link ForwardingHeaders}
 * passes that span on as the service's parent, and the per-upstream circuit breakers time
 * every call ({@code resilience4j.circuitbreaker.calls}).
 *
 * @author Corelake
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UpstreamProperties.class)
class RouteConfiguration {

	/** Connections kept per upstream; the bulkhead bounds how many are in use. */
	private static final int MAX_CONNECTIONS = 512;

	@Bean
	UpstreamRoutes upstreamRoutes(UpstreamProperties properties, GatewayMvcProperties gatewayProperties,
			CircuitBreakerRegistry circuitBreakers, BulkheadRegistry bulkheads, RetryRegistry retries,
			ProblemWriter problems, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		UpstreamRoutes.Builder routes = new UpstreamRoutes.Builder(
				new ForwardingHeaders(tracer.getIfAvailable(), propagator.getIfAvailable()),
				new UpstreamResponseHeaders());
		for (Map.Entry<String, UpstreamProperties.Upstream> service : properties.services().entrySet()) {
			String name = service.getKey();
			UpstreamGuard guard = new UpstreamGuard(name, circuitBreakers.circuitBreaker(name),
					bulkheads.bulkhead(name), retries.retry(name), problems, Clock.systemUTC());
			routes.add(service, new UpstreamExchange(requestFactory(service.getValue()), gatewayProperties), guard);
		}
		return routes.build();
	}

	@Bean
	RouteLookup routeLookup(UpstreamProperties properties) {
		return new RouteLookup(properties);
	}

	static ClientHttpRequestFactory requestFactory(UpstreamProperties.Upstream upstream) {
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withConnectTimeout(upstream.connectTimeout())
			.withReadTimeout(upstream.responseTimeout())
			.withRedirects(HttpRedirects.DONT_FOLLOW);
		return ClientHttpRequestFactoryBuilder.httpComponents()
			// upstreams are addressed directly, never through the JVM's system proxy
			// (whose lookup also cost every request an allocation-heavy ProxySelector
			// call)
			.withHttpClientCustomizer((client) -> client.disableAutomaticRetries()
				.disableContentCompression()
				.disableCookieManagement()
				.disableRedirectHandling()
				.setRoutePlanner(new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE)))
			.withConnectionManagerCustomizer(
					(manager) -> manager.setMaxConnTotal(MAX_CONNECTIONS).setMaxConnPerRoute(MAX_CONNECTIONS))
			// a connection idle this long is checked before reuse, so that a restarted
			// service is not first met through a dead pooled connection
			.withConnectionConfigCustomizer(
					(connection) -> connection.setValidateAfterInactivity(TimeValue.ofSeconds(1)))
			.build(settings);
	}

}
