package dev.corelake.errors.client;

import java.io.IOException;
import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResponseErrorHandler;

/**
 * Spring {@code RestClient} error handler that decodes another service's error answers
 * with {@link UpstreamErrors}.
 *
 * @author Corelake
 */
public class ProblemResponseErrorHandler implements ResponseErrorHandler {

	private final String service;

	/**
	 * Creates a handler for calls to one service.
	 * @param service the name of the called service
	 */
	public ProblemResponseErrorHandler(String service) {
		this.service = service;
	}

	@Override
	public boolean hasError(ClientHttpResponse response) throws IOException {
		return response.getStatusCode().isError();
	}

	@Override
	public void handleError(URI url, HttpMethod method, ClientHttpResponse response) throws IOException {
		String contentType = response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
		throw UpstreamErrors.fromResponse(this.service, response.getStatusCode().value(), contentType,
				response.getBody());
	}

}
