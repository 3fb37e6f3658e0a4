package dev.corelake.gateway.route;

import dev.corelake.platform.web.RequestIdFilter;

import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Drops the headers of a service's answer that the gateway sets itself: the request id
 * (the gateway has already returned it; the service echoes the same one) and CORS headers
 * (the gateway alone decides CORS).
 *
 * @author Corelake
 */
class UpstreamResponseHeaders implements HttpHeadersFilter.ResponseHttpHeadersFilter, Ordered {

	@Override
	public HttpHeaders apply(HttpHeaders input, ServerResponse response) {
		HttpHeaders headers = new HttpHeaders();
		input.forEach((name, values) -> {
			if (!name.equalsIgnoreCase(RequestIdFilter.HEADER)
					&& !name.regionMatches(true, 0, "Access-Control-", 0, 15)) {
				headers.addAll(name, values);
			}
		});
		return headers;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
