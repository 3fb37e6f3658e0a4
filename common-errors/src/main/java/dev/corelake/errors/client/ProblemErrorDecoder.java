package dev.corelake.errors.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;

import feign.Response;
import feign.codec.ErrorDecoder;

/**
 * OpenFeign error decoder that decodes another service's error answers with
 * {@link UpstreamErrors}; the service name is the Feign client's name.
 *
 * @author Corelake
 */
public class ProblemErrorDecoder implements ErrorDecoder {

	@Override
	public Exception decode(String methodKey, Response response) {
		String service = FeignTargets.serviceName(response.request());
		Collection<String> types = response.headers().get("Content-Type");
		String contentType = (types != null && !types.isEmpty()) ? types.iterator().next() : null;
		if (response.body() == null) {
			return UpstreamErrors.fromResponse(service, response.status(), contentType, new byte[0]);
		}
		try (InputStream body = response.body().asInputStream()) {
			return UpstreamErrors.fromResponse(service, response.status(), contentType, body);
		}
		catch (IOException ex) {
			return UpstreamErrors.fromFailure(service, ex);
		}
	}

}
