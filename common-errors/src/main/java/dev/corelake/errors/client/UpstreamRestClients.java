package dev.corelake.errors.client;

import org.springframework.web.client.RestClient;

/**
 * Applies the error contract's client side to a {@code RestClient} for one downstream
 * service.
 *
 * @author Corelake
 */
public final class UpstreamRestClients {

	private UpstreamRestClients() {
	}

	/**
	 * Adds the upstream failure translation and the problem decoder.
	 * @param builder the builder to configure
	 * @param service the name of the called service
	 * @return the builder
	 */
	public static RestClient.Builder decodeProblems(RestClient.Builder builder, String service) {
		return builder.requestInterceptor(new UpstreamFailureInterceptor(service))
			.defaultStatusHandler(new ProblemResponseErrorHandler(service));
	}

}
