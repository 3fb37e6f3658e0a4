package dev.corelake.gateway.route;

import java.util.Locale;
import java.util.Set;

import dev.corelake.platform.web.RequestIdFilter;

import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The headers of a service's answer that reach the client, made in one pass (the proxy
 * uses this filter alone): dropped are the hop-by-hop headers (the gateway's own
 * connection with the client has its own), HTTP/2's {@code :status} pseudo-header, the
 * request id (the gateway has already returned it; the service echoes the same one) and
 * CORS headers (the gateway alone decides CORS).
 *
 * @author Corelake
 */
class UpstreamResponseHeaders implements HttpHeadersFilter.ResponseHttpHeadersFilter {

	private static final Set<String> DROPPED = ForwardingHeaders.union(ForwardingHeaders.HOP_BY_HOP,
			Set.of(":status", RequestIdFilter.HEADER.toLowerCase(Locale.ROOT)));

	@Override
	public HttpHeaders apply(HttpHeaders input, ServerResponse response) {
		HttpHeaders headers = new HttpHeaders();
		input.forEach((name, values) -> {
			if (!DROPPED.contains(name.toLowerCase(Locale.ROOT))
					&& !name.regionMatches(true, 0, "Access-Control-", 0, 15)) {
				headers.put(name, values);
			}
		});
		return headers;
	}

}
