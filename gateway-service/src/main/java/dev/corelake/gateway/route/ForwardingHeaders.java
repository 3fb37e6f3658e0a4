package dev.corelake.gateway.route;

import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import dev.corelake.gateway.edge.ClientAddress;
import dev.corelake.platform.web.RequestIdFilter;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * The headers the gateway sends to a service in place of the client's, made in one pass
 * over the client's headers (the proxy uses this filter alone, not Spring Cloud Gateway's
 * chain of request header filters, each of which copied every header again):
 * <ul>
 * <li>dropped: the hop-by-hop headers ({@code Connection}, {@code Keep-Alive},
 * {@code Transfer-Encoding}, {@code TE}, {@code Trailer}, {@code Upgrade},
 * {@code Proxy-Authorization}, {@code Proxy-Authenticate}) and any header the client
 * named in {@code Connection}; {@code Content-Length} (the body is streamed and framed by
 * the upstream client) and {@code Host} (the upstream's own); the forwarding headers
 * ({@code Forwarded}, {@code X-Forwarded-*}, {@code X-Real-IP}), which only the gateway
 * writes;</li>
 * <li>set: the request id (the client's when well-formed, else the one the gateway made),
 * {@code X-Forwarded-For} with the client address the edge decided,
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-Host};</li>
 * <li>the trace context: the client's {@code traceparent} (and the propagator's other
 * fields, {@code tracestate}, {@code baggage}) is replaced by the gateway's current span,
 * the one the request's observation opened, so that the service's span is its child.
 * Without a tracer (tracing switched off) the client's fields pass unchanged.</li>
 * </ul>
 *
 * @author Corelake
 */
class ForwardingHeaders implements HttpHeadersFilter.RequestHttpHeadersFilter {

	/** Hop-by-hop headers: never passed on, in either direction. */
	static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te", "trailer",
			"upgrade", "proxy-authorization", "proxy-authenticate", "x-application-context");

	private static final Set<String> DROPPED = union(HOP_BY_HOP,
			Set.of("content-length", "host", "forwarded", "x-real-ip"));

	private static final Set<String> NEVER_DROPPED = Set.of("authorization", "content-type");

	private final Tracer tracer;

	private final Propagator propagator;

	/** Names the propagator writes (lower case); the client's are dropped. */
	private final Set<String> traceFields;

	/**
	 * Creates the filter.
	 * @param tracer the current span's source, or {@code null} without tracing
	 * @param propagator writes the trace context, or {@code null} without tracing
	 */
	ForwardingHeaders(Tracer tracer, Propagator propagator) {
		boolean tracing = tracer != null && propagator != null;
		this.tracer = tracing ? tracer : null;
		this.propagator = tracing ? propagator : null;
		Set<String> fields = new HashSet<>();
		if (tracing) {
			propagator.fields().forEach((field) -> fields.add(field.toLowerCase(Locale.ROOT)));
		}
		this.traceFields = Set.copyOf(fields);
	}

	@Override
	public HttpHeaders apply(HttpHeaders input, ServerRequest request) {
		HttpServletRequest servletRequest = request.servletRequest();
		Set<String> named = namedInConnection(servletRequest);
		HttpHeaders headers = new HttpHeaders();
		input.forEach((name, values) -> {
			String lower = name.toLowerCase(Locale.ROOT);
			if (!DROPPED.contains(lower) && !lower.startsWith("x-forwarded-") && !this.traceFields.contains(lower)
					&& (named == null || !named.contains(lower))) {
				headers.put(name, values);
			}
		});
		if (this.tracer != null) {
			TraceContext context = this.tracer.currentTraceContext().context();
			if (context != null) {
				this.propagator.inject(context, headers, HttpHeaders::set);
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

	/**
	 * The lower-case names the client listed in {@code Connection}, or {@code null} when
	 * none (the usual case, with no set made).
	 */
	private static Set<String> namedInConnection(HttpServletRequest request) {
		Set<String> named = null;
		Enumeration<String> connection = request.getHeaders(HttpHeaders.CONNECTION);
		while (connection.hasMoreElements()) {
			for (String token : connection.nextElement().split(",")) {
				String name = token.trim().toLowerCase(Locale.ROOT);
				if (!name.isEmpty() && !NEVER_DROPPED.contains(name) && !DROPPED.contains(name)) {
					named = (named != null) ? named : new HashSet<>();
					named.add(name);
				}
			}
		}
		return named;
	}

	/** Both sets' names, as an immutable set. */
	static Set<String> union(Set<String> first, Set<String> second) {
		Set<String> all = new HashSet<>(first);
		all.addAll(second);
		return Set.copyOf(all);
	}

}
