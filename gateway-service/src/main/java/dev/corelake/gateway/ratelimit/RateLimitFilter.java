package dev.corelake.gateway.ratelimit;

import java.io.IOException;
import java.util.Map;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.web.ProblemWriter;
import dev.corelake.gateway.edge.ClientAddress;
import dev.corelake.gateway.route.RouteLookup;
import dev.corelake.gateway.route.UpstreamProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the rate limits after authentication, so that a client is its token's subject
 * when it has a valid token and its address (as decided by the edge, never by headers it
 * sent) when it has none. Every limited answer carries {@code RateLimit-Limit},
 * {@code RateLimit-Remaining}, {@code RateLimit-Reset} and {@code RateLimit-Policy}; a
 * refused one is a 429 {@code RATE_LIMITED} problem with {@code Retry-After}.
 *
 * @author Corelake
 */
public class RateLimitFilter extends OncePerRequestFilter {

	private final RateLimiter limiter;

	private final RouteLookup routes;

	private final ProblemWriter problems;

	/**
	 * Creates the filter.
	 * @param limiter the buckets
	 * @param routes finds the route group of a path
	 * @param problems writes the 429 problem
	 */
	public RateLimitFilter(RateLimiter limiter, RouteLookup routes, ProblemWriter problems) {
		this.limiter = limiter;
		this.routes = routes;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (CorsUtils.isPreFlightRequest(request)) {
			chain.doFilter(request, response);
			return;
		}
		Map.Entry<String, UpstreamProperties.Upstream> route = this.routes.find(request.getRequestURI());
		String group = (route != null) ? route.getValue().rateLimit() : RateLimitProperties.DEFAULT_GROUP;
		RateLimiter.Decision decision = this.limiter.consume(group, client(request));
		if (decision == null) {
			chain.doFilter(request, response);
			return;
		}
		response.setHeader("RateLimit-Limit", Long.toString(decision.limit()));
		response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
		response.setHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
		response.setHeader("RateLimit-Policy", decision.limit() + ";w=" + decision.periodSeconds());
		if (!decision.allowed()) {
			this.problems.write(new CorelakeException(CommonErrorCode.RATE_LIMITED,
					"More than " + decision.limit() + " requests in " + decision.periodSeconds() + " s to this part of "
							+ "the API; try again in " + decision.resetSeconds() + " s.")
				.withHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, decision.resetSeconds()))), request,
					response);
			return;
		}
		chain.doFilter(request, response);
	}

	private static String client(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken jwt && jwt.isAuthenticated()
				&& jwt.getToken().getSubject() != null) {
			return "sub:" + jwt.getToken().getSubject();
		}
		return "addr:" + ClientAddress.of(request);
	}

}
