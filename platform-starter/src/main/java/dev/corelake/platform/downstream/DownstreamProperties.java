package dev.corelake.platform.downstream;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The services this service calls. Each gets its own client, timeouts and resilience4j
 * instances (circuit breaker, retry, bulkhead) named after it; the instances are tuned
 * with the usual {@code resilience4j.*.instances.<name>.*} properties and otherwise use
 * {@code configs.default}.
 *
 * @param services downstream services by name (the name is also the resilience4j instance
 * name)
 * @author Corelake
 */
@Validated
@ConfigurationProperties("corelake.platform.downstream")
public record DownstreamProperties(@DefaultValue Map<String, @Valid Service> services) {

	/**
	 * The settings for a named service, or defaults when it is not configured.
	 * @param name the service name
	 * @return its settings
	 */
	public Service service(String name) {
		Service service = this.services.get(name);
		if (service == null) {
			throw new IllegalStateException("No base URL configured for downstream service '" + name
					+ "' (corelake.platform.downstream.services." + name + ".url)");
		}
		return service;
	}

	/**
	 * One downstream service.
	 *
	 * @param url base URL of the service, e.g. {@code http://catalog-service:8080}
	 * @param connectTimeout how long to wait for a connection
	 * @param readTimeout how long to wait for an answer once connected
	 */
	public record Service(@NotNull URI url, @DefaultValue("2s") Duration connectTimeout,
			@DefaultValue("5s") Duration readTimeout) {
	}

}
