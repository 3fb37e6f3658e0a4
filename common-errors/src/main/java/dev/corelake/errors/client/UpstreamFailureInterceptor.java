package dev.corelake.errors.client;

import java.io.IOException;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Spring {@code RestClient} interceptor that turns transport failures (refused, timed
 * out, reset) into the contract's upstream problems instead of a bare
 * {@code ResourceAccessException}.
 *
 * @author Corelake
 */
public class UpstreamFailureInterceptor implements ClientHttpRequestInterceptor {

	private final String service;

	/**
	 * Creates an interceptor for calls to one service.
	 * @param service the name of the called service
	 */
	public UpstreamFailureInterceptor(String service) {
		this.service = service;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution) {
		try {
			return execution.execute(request, body);
		}
		catch (IOException ex) {
			throw UpstreamErrors.fromFailure(this.service, ex);
		}
	}

}
