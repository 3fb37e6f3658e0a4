package dev.corelake.gateway.edge;

import java.io.IOException;

import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.web.ProblemWriter;
import dev.corelake.gateway.system.GatewayErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS at the edge, before authentication (a preflight carries no token): requests from
 * the configured origins get the CORS headers and preflights are answered here; a CORS
 * request from any other origin, or with a method or header that is not allowed, is
 * refused with a 403 {@code CORS_REJECTED} problem and no CORS headers. Requests without
 * an {@code Origin} (curl, services) and same-origin requests pass untouched.
 *
 * @author Corelake
 */
public class EdgeCorsFilter extends OncePerRequestFilter {

	private final CorsConfiguration configuration;

	private final ProblemWriter problems;

	private final DefaultCorsProcessor processor = new DefaultCorsProcessor() {

		@Override
		protected void rejectRequest(ServerHttpResponse response) {
			// answered as a problem by the filter
		}

	};

	/**
	 * Creates the filter.
	 * @param properties the allowed origins, methods and headers
	 * @param problems writes the 403 problem
	 */
	public EdgeCorsFilter(CorsProperties properties, ProblemWriter problems) {
		this.problems = problems;
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(properties.allowedOrigins());
		cors.setAllowedMethods(properties.allowedMethods());
		cors.setAllowedHeaders(properties.allowedHeaders());
		cors.setExposedHeaders(properties.exposedHeaders());
		cors.setAllowCredentials(properties.allowCredentials());
		cors.setMaxAge(properties.maxAge());
		this.configuration = cors;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!CorsUtils.isCorsRequest(request)) {
			chain.doFilter(request, response);
			return;
		}
		if (!this.processor.processRequest(this.configuration, request, response)) {
			this.problems.write(new CorelakeException(GatewayErrorCode.CORS_REJECTED,
					"Cross-origin requests from this origin, or with this method or these headers, are not allowed."),
					request, response);
			return;
		}
		if (CorsUtils.isPreFlightRequest(request)) {
			response.setStatus(HttpServletResponse.SC_OK);
			return;
		}
		chain.doFilter(request, response);
	}

}
