package dev.corelake.errors.web;

import java.net.URI;
import java.util.Map;

import dev.corelake.errors.ErrorCode;
import dev.corelake.errors.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;

import org.springframework.http.ProblemDetail;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;

/**
 * Completes a problem with the members of the contract: {@code type} and {@code title}
 * from its code, {@code code}, {@code retryable}, {@code instance} (the request path),
 * {@code service} and {@code traceId}.
 *
 * @author Corelake
 */
public class ProblemEnricher {

	private static final URI BLANK = URI.create("about:blank");

	private final String serviceName;

	/**
	 * Creates an enricher.
	 * @param serviceName the name put in every problem's {@code service} member
	 */
	public ProblemEnricher(String serviceName) {
		this.serviceName = serviceName;
	}

	/**
	 * Completes a problem raised while handling a request.
	 * @param problem the problem
	 * @param code its code; a code already set on the problem wins
	 * @param request the request
	 */
	public void enrich(ProblemDetail problem, ErrorCode code, WebRequest request) {
		HttpServletRequest servletRequest = (request instanceof NativeWebRequest nativeRequest)
				? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
		enrich(problem, code, servletRequest);
	}

	/**
	 * Completes a problem raised while handling a request.
	 * @param problem the problem
	 * @param code its code; a code already set on the problem wins
	 * @param request the request, may be {@code null}
	 */
	public void enrich(ProblemDetail problem, ErrorCode code, HttpServletRequest request) {
		Map<String, Object> properties = problem.getProperties();
		boolean hasCode = properties != null && properties.get(Problems.CODE) != null;
		if (!hasCode) {
			problem.setProperty(Problems.CODE, code.code());
			problem.setProperty(Problems.RETRYABLE, code.retryable());
			problem.setTitle(code.title());
			if (problem.getType() == null || BLANK.equals(problem.getType())) {
				problem.setType(code.type());
			}
		}
		if (problem.getDetail() == null) {
			problem.setDetail(code.title() + ".");
		}
		if (request != null && problem.getInstance() == null) {
			problem.setInstance(URI.create(safePath(request)));
		}
		problem.setProperty(Problems.SERVICE, this.serviceName);
		String traceId = TraceIds.current(request);
		if (traceId != null) {
			problem.setProperty(Problems.TRACE_ID, traceId);
		}
	}

	/**
	 * The name of this service.
	 * @return the service name
	 */
	public String serviceName() {
		return this.serviceName;
	}

	private static String safePath(HttpServletRequest request) {
		Object forwarded = request.getAttribute("jakarta.servlet.error.request_uri");
		String path = (forwarded instanceof String uri) ? uri : request.getRequestURI();
		// The raw URI may hold characters a java.net.URI rejects; keep only a safe
		// rendering.
		try {
			return URI.create(path).getRawPath();
		}
		catch (IllegalArgumentException ex) {
			return path.replaceAll("[^A-Za-z0-9/._~%-]", "_");
		}
	}

	/** Reads the current trace id. */
	static final class TraceIds {

		private TraceIds() {
		}

		static String current(HttpServletRequest request) {
			String fromMdc = MDC.get("traceId");
			if (fromMdc != null && !fromMdc.isBlank()) {
				return fromMdc;
			}
			if (request != null) {
				String traceparent = request.getHeader("traceparent");
				if (traceparent != null && traceparent.matches("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}")) {
					return traceparent.substring(3, 35);
				}
			}
			return null;
		}

	}

}
