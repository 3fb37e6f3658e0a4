package dev.corelake.platform.downstream;

import java.io.IOException;

import dev.corelake.errors.client.UpstreamErrors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * {@code RestClient} interceptor running every call through {@link DownstreamResilience}.
 * A 5xx answer is decoded here, inside the breaker, so that it counts as a failure of the
 * downstream.
 *
 * @author Corelake
 */
class ResilientRequestInterceptor implements ClientHttpRequestInterceptor {

	private final String service;

	private final DownstreamResilience resilience;

	ResilientRequestInterceptor(String service, DownstreamResilience resilience) {
		this.service = service;
		this.resilience = resilience;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution) {
		return this.resilience.call(this.service, request.getMethod().name(), () -> {
			try {
				ClientHttpResponse response = execution.execute(request, body);
				if (response.getStatusCode().is5xxServerError()) {
					try (response) {
						throw UpstreamErrors.fromResponse(this.service, response.getStatusCode().value(),
								response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE), response.getBody());
					}
				}
				return response;
			}
			catch (IOException ex) {
				throw UpstreamErrors.fromFailure(this.service, ex);
			}
		});
	}

}
