package dev.corelake.platform.web;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is well-formed, a
 * new one otherwise. The id is returned in the response, put in the logging context
 * ({@code requestId}) and forwarded on outbound calls by {@link RequestIdPropagation}.
 *
 * @author Corelake
 */
public class RequestIdFilter extends OncePerRequestFilter {

	/** The request id header. */
	public static final String HEADER = "X-Request-Id";

	/** Logging context key and request attribute holding the id. */
	public static final String ATTRIBUTE = "requestId";

	/** Logging context key holding the name of the service handling the request. */
	public static final String SERVICE = "service";

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	private final String serviceName;

	/** Creates a filter that does not name the service in the logging context. */
	public RequestIdFilter() {
		this(null);
	}

	/**
	 * Creates a filter.
	 * @param serviceName the service, put in the logging context as {@code service}
	 * (several services share one logging system in the all-in-one mode)
	 */
	public RequestIdFilter(String serviceName) {
		this.serviceName = serviceName;
	}

	/**
	 * A random (version 4) UUID from the thread's own generator. A request id correlates
	 * logs, it is no secret; {@code UUID.randomUUID()} draws from one JVM-wide
	 * {@code SecureRandom} whose lock serialised requests under load.
	 * @return the id
	 */
	static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least).toString();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String offered = request.getHeader(HEADER);
		String id = (offered != null && VALID.matcher(offered).matches()) ? offered : newId();
		request.setAttribute(ATTRIBUTE, id);
		response.setHeader(HEADER, id);
		MDC.put(ATTRIBUTE, id);
		if (this.serviceName != null) {
			MDC.put(SERVICE, this.serviceName);
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(ATTRIBUTE);
			MDC.remove(SERVICE);
		}
	}

}
