package dev.corelake.platform.downstream;

import java.io.IOException;
import java.util.Collection;

import dev.corelake.errors.client.FeignTargets;
import dev.corelake.errors.client.UpstreamErrors;
import feign.Capability;
import feign.Client;
import feign.Response;

/**
 * OpenFeign capability running every call of a Feign client through
 * {@link DownstreamResilience}, with the Feign client's name as the resilience4j instance
 * name. A 5xx answer is decoded inside the breaker so that it counts as a failure of the
 * downstream.
 *
 * @author Corelake
 */
public class ResilientFeignCapability implements Capability {

	private final DownstreamResilience resilience;

	/**
	 * Creates the capability.
	 * @param resilience the resilience runner
	 */
	public ResilientFeignCapability(DownstreamResilience resilience) {
		this.resilience = resilience;
	}

	@Override
	public Client enrich(Client client) {
		return (request, options) -> {
			String service = FeignTargets.serviceName(request);
			return this.resilience.call(service, request.httpMethod().name(), () -> {
				try {
					Response response = client.execute(request, options);
					if (response.status() >= 500) {
						try (response) {
							Collection<String> types = response.headers().get("Content-Type");
							String type = (types != null && !types.isEmpty()) ? types.iterator().next() : null;
							throw UpstreamErrors.fromResponse(service, response.status(), type,
									(response.body() != null) ? response.body().asInputStream() : null);
						}
					}
					return response;
				}
				catch (IOException ex) {
					throw UpstreamErrors.fromFailure(service, ex);
				}
			});
		};
	}

}
