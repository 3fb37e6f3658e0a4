package dev.corelake.platform.downstream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.corelake.errors.client.ProblemResponseErrorHandler;
import dev.corelake.platform.security.ClientCredentialsTokens;
import dev.corelake.platform.security.TokenRelay;
import dev.corelake.platform.web.RequestIdPropagation;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.util.TimeValue;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.web.client.RestClient;

/**
 * Hands out one {@code RestClient} per downstream service, each with the service's base
 * URL and timeouts, a pooled Apache HttpClient 5 connection manager, request id and trace
 * propagation, the service's resilience4j instances, and the problem decoder.
 *
 * @author Corelake
 */
public class DownstreamClients {

	private final DownstreamProperties properties;

	private final DownstreamResilience resilience;

	private final ObjectProvider<RestClient.Builder> builders;

	private final ObjectProvider<ClientCredentialsTokens> serviceTokens;

	private final Map<String, RestClient> clients = new ConcurrentHashMap<>();

	/**
	 * Creates the factory.
	 * @param properties downstream settings
	 * @param resilience the resilience runner
	 * @param builders Spring Boot's instrumented {@code RestClient.Builder} prototype
	 * @param serviceTokens this service's own tokens, when security is on
	 */
	public DownstreamClients(DownstreamProperties properties, DownstreamResilience resilience,
			ObjectProvider<RestClient.Builder> builders, ObjectProvider<ClientCredentialsTokens> serviceTokens) {
		this.properties = properties;
		this.resilience = resilience;
		this.builders = builders;
		this.serviceTokens = serviceTokens;
	}

	/**
	 * The client of a downstream service.
	 * @param service the service name, as configured under
	 * {@code corelake.platform.downstream.services}
	 * @return its client
	 */
	public RestClient forService(String service) {
		return this.clients.computeIfAbsent(service, this::create);
	}

	private RestClient create(String service) {
		DownstreamProperties.Service settings = this.properties.service(service);
		HttpClientSettings httpSettings = HttpClientSettings.defaults()
			.withConnectTimeout(settings.connectTimeout())
			.withReadTimeout(settings.readTimeout());
		RestClient.Builder builder = this.builders.getIfAvailable(RestClient::builder);
		return builder.baseUrl(settings.url().toString())
			.requestFactory(ClientHttpRequestFactoryBuilder.httpComponents()
				// Retries are DownstreamResilience's (idempotent methods only): the
				// HttpClient's own would resend even a POST after a 503, a second later
				.withHttpClientCustomizer(HttpClientBuilder::disableAutomaticRetries)
				// a connection idle this long is checked before reuse, so that a
				// restarted service is met with a refusal (503, retried when idempotent)
				// rather than a pooled connection it closed (a dropped POST: 502)
				.withConnectionConfigCustomizer(
						(connection) -> connection.setValidateAfterInactivity(TimeValue.ofSeconds(1)))
				.build(httpSettings))
			.requestInterceptor(new ResilientRequestInterceptor(service, this.resilience))
			.requestInterceptor(RequestIdPropagation.restClientInterceptor())
			.requestInterceptors((interceptors) -> this.serviceTokens
				.ifAvailable((tokens) -> interceptors.add(TokenRelay.restClientInterceptor(tokens))))
			.defaultStatusHandler(new ProblemResponseErrorHandler(service))
			.build();
	}

}
