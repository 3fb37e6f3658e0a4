package dev.corelake.errors.client;

import feign.Request;
import feign.RequestTemplate;

/**
 * Finds the name of the service a Feign request is addressed to.
 *
 * @author Corelake
 */
public final class FeignTargets {

	private FeignTargets() {
	}

	/**
	 * The Feign client name of a request, or its host when it has none.
	 * @param request the request
	 * @return the service name
	 */
	public static String serviceName(Request request) {
		RequestTemplate template = (request != null) ? request.requestTemplate() : null;
		if (template != null && template.feignTarget() != null) {
			return template.feignTarget().name();
		}
		return (request != null) ? java.net.URI.create(request.url()).getHost() : "upstream";
	}

}
