package dev.corelake.platform.security;

import feign.RequestInterceptor;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestInterceptor;

/**
 * Puts a bearer token on outbound calls: the caller's own token when the call is made
 * while serving a request (so the downstream service checks the same identity), else this
 * service's client-credentials token.
 *
 * @author Corelake
 */
public final class TokenRelay {

	private TokenRelay() {
	}

	/**
	 * For {@code RestClient}.
	 * @param serviceTokens this service's own tokens
	 * @return the interceptor
	 */
	public static ClientHttpRequestInterceptor restClientInterceptor(ClientCredentialsTokens serviceTokens) {
		return (request, body, execution) -> {
			if (!request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
				token(serviceTokens).ifPresent((token) -> request.getHeaders().setBearerAuth(token));
			}
			return execution.execute(request, body);
		};
	}

	/**
	 * For OpenFeign.
	 * @param serviceTokens this service's own tokens
	 * @return the interceptor
	 */
	public static RequestInterceptor feignInterceptor(ClientCredentialsTokens serviceTokens) {
		return (template) -> {
			if (!template.headers().containsKey(HttpHeaders.AUTHORIZATION)) {
				token(serviceTokens)
					.ifPresent((token) -> template.header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
			}
		};
	}

	private static java.util.Optional<String> token(ClientCredentialsTokens serviceTokens) {
		java.util.Optional<String> callerToken = CurrentCaller.bearerToken();
		return callerToken.isPresent() ? callerToken : serviceTokens.token();
	}

}
