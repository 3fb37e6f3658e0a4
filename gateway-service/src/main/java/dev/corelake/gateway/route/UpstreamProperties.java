package dev.corelake.gateway.route;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The services behind the gateway, by name. Each one brings its route (the resource
 * prefixes it owns), its timeouts and its rate-limit group; its circuit breaker, retry
 * and bulkhead are the resilience4j instances of the same name
 * ({@code resilience4j.circuitbreaker.instances.<name>.*} …). A service added to the
 * platform adds an entry here.
 *
 * @param services upstream services by name
 * @author Corelake
 */
@Validated
@ConfigurationProperties("corelake.gateway")
public record UpstreamProperties(@DefaultValue Map<String, @Valid Upstream> services) {

	/**
	 * One upstream service.
	 *
	 * @param url base URL of the service's API, e.g. {@code http://catalog-service:8080}
	 * @param healthUrl the service's readiness probe, read by
	 * {@code GET /api/v1/platform/health}; none means the service is not checked
	 * @param paths the path patterns routed to the service, e.g.
	 * {@code /api/v1/datasets/**}
	 * @param connectTimeout how long to wait for a connection to the service
	 * @param responseTimeout how long to wait for the service's answer (504 after it)
	 * @param rateLimit the rate-limit group requests on this route count against
	 * @param apiDocs whether the service publishes an OpenAPI document the API explorer
	 * lists
	 */
	public record Upstream(@NotNull URI url, URI healthUrl, @NotEmpty List<@NotBlank String> paths,
			@DefaultValue("1s") Duration connectTimeout, @DefaultValue("10s") Duration responseTimeout,
			@DefaultValue("default") String rateLimit, @DefaultValue("true") boolean apiDocs) {
	}

}
