package dev.corelake.gateway.route;

import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;

import dev.corelake.gateway.edge.ClientAddress;
import dev.corelake.platform.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * The headers the gateway sends to a service in place of the client's: the request id
 * (the client's when well-formed, else the one the gateway made), {@code X-Forwarded-For}
 * with the client address the edge decided, {@code X-Forwarded-Proto} and
 * {@code X-Forwarded-Host}; and, besides the standard hop-by-hop headers the gateway
 * always drops, any header the client named in {@code Connection}.
 *
 * @author Corelake
 */
class ForwardingHeaders implements HttpHeadersFilter.RequestHttpHeadersFilter, Ordered {

	private static final Set<String> NEVER_DROPPED = Set.of("authorization", "host", "content-type", "content-length");

	@Override
	public HttpHeaders apply(HttpHeaders input, ServerRequest request) {
		HttpServletRequest servletRequest = request.servletRequest();
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(input);
		Enumeration<String> connection = servletRequest.getHeaders(HttpHeaders.CONNECTION);
		while (connection.hasMoreElements()) {
			for (String token : connection.nextElement().split(",")) {
				String name = token.trim().toLowerCase(Locale.ROOT);
				if (!name.isEmpty() && !NEVER_DROPPED.contains(name)) {
					headers.remove(name);
				}
			}
		}
		Object requestId = servletRequest.getAttribute(RequestIdFilter.ATTRIBUTE);
		if (requestId instanceof String id) {
			headers.set(RequestIdFilter.HEADER, id);
		}
		headers.set("X-Forwarded-For", ClientAddress.of(servletRequest));
		Object proto = servletRequest.getAttribute(ClientAddress.PROTO_ATTRIBUTE);
		headers.set("X-Forwarded-Proto", (proto instanceof String value) ? value : servletRequest.getScheme());
		Object host = servletRequest.getAttribute(ClientAddress.HOST_ATTRIBUTE);
		if (host instanceof String value) {
			headers.set("X-Forwarded-Host", value);
		}
		return headers;
	}

	@Override
	public int getOrder() {
		// after the gateway's removal of the client's forwarding and hop-by-hop headers
		return Ordered.LOWEST_PRECEDENCE;
	}

}
