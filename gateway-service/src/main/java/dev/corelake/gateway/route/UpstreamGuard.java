package dev.corelake.gateway.route;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.client.UpstreamErrors;
import dev.corelake.errors.web.ProblemWriter;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Guards the calls to one upstream service with that service's resilience4j instances:
 * its bulkhead (so that a slow service cannot hold every request of the gateway), its
 * circuit breaker (transport failures and 5xx answers count; while open, requests are
 * answered 503 {@code UPSTREAM_CIRCUIT_OPEN} with {@code Retry-After} without touching
 * the service), and — for {@code GET} and {@code HEAD} only, which carry no body and
 * change nothing — its retry with backoff after a refused or dropped connection.
 * <p>
 * Failures become the contract's problems naming the service: refused → 503
 * {@code UPSTREAM_UNAVAILABLE}, no answer within the route's timeout → 504
 * {@code UPSTREAM_TIMEOUT}, a 5xx answer that is not a problem → 502
 * {@code UPSTREAM_BAD_RESPONSE}. The service's own problems pass through unchanged.
 *
 * @author Corelake
 */
class UpstreamGuard implements HandlerFilterFunction<ServerResponse, ServerResponse> {

	private static final Log log = LogFactory.getLog(UpstreamGuard.class);

	private static final Set<HttpMethod> RETRIED = Set.of(HttpMethod.GET, HttpMethod.HEAD);

	private final String service;

	private final CircuitBreaker breaker;

	private final Bulkhead bulkhead;

	private final Retry retry;

	private final ProblemWriter problems;

	private final Clock clock;

	private volatile Instant openedAt;

	UpstreamGuard(String service, CircuitBreaker breaker, Bulkhead bulkhead, Retry retry, ProblemWriter problems,
			Clock clock) {
		this.service = service;
		this.breaker = breaker;
		this.bulkhead = bulkhead;
		this.retry = retry;
		this.problems = problems;
		this.clock = clock;
		breaker.getEventPublisher().onStateTransition((event) -> {
			if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
				this.openedAt = clock.instant();
			}
		});
	}

	@Override
	public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
		try {
			if (!this.bulkhead.tryAcquirePermission()) {
				throw UpstreamErrors.fromFailure(this.service, io.github.resilience4j.bulkhead.BulkheadFullException
					.createBulkheadFullException(this.bulkhead));
			}
			try {
				return callWithRetry(request, next);
			}
			finally {
				this.bulkhead.onComplete();
			}
		}
		catch (CorelakeException ex) {
			return problem(ex);
		}
	}

	private ServerResponse callWithRetry(ServerRequest request, HandlerFunction<ServerResponse> next) {
		Retry.Context<ServerResponse> attempts = this.retry.context();
		boolean retried = RETRIED.contains(request.method());
		while (true) {
			try {
				ServerResponse response = call(request, next);
				attempts.onComplete();
				return response;
			}
			catch (CorelakeException ex) {
				if (!retried || !isTransportFailure(ex)) {
					throw ex;
				}
				try {
					// waits the backoff, or rethrows when attempts are used up
					attempts.onError(ex);
				}
				catch (CorelakeException exhausted) {
					throw exhausted;
				}
				catch (Exception other) {
					throw ex;
				}
			}
		}
	}

	private ServerResponse call(ServerRequest request, HandlerFunction<ServerResponse> next) {
		if (!this.breaker.tryAcquirePermission()) {
			throw UpstreamErrors.circuitOpen(this.service, untilHalfOpen());
		}
		long start = System.nanoTime();
		ServerResponse response;
		try {
			response = next.handle(request);
		}
		catch (Exception ex) {
			CorelakeException mapped = UpstreamErrors.fromFailure(this.service, ex);
			if (mapped.getStatusCode().is5xxServerError()) {
				this.breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, mapped);
			}
			else {
				// the caller's fault (a body over the limit, say), not the service's
				this.breaker.releasePermission();
			}
			throw mapped;
		}
		long elapsed = System.nanoTime() - start;
		if (!response.statusCode().is5xxServerError()) {
			this.breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
			return response;
		}
		CorelakeException failure = UpstreamErrors.fromResponse(this.service, response.statusCode().value(),
				String.valueOf(response.headers().getContentType()), new byte[0]);
		this.breaker.onError(elapsed, TimeUnit.NANOSECONDS, failure);
		if (isProblem(response.headers().getContentType())) {
			// the service's own problem goes to the caller as it is
			return response;
		}
		discardBody(request);
		throw failure;
	}

	private static boolean isTransportFailure(CorelakeException ex) {
		return ex.getErrorCode() == CommonErrorCode.UPSTREAM_UNAVAILABLE
				|| (ex.getErrorCode() == CommonErrorCode.UPSTREAM_BAD_RESPONSE && ex.getCause() != null);
	}

	private static boolean isProblem(MediaType contentType) {
		return contentType != null && contentType.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private Duration untilHalfOpen() {
		long wait = this.breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
		Instant opened = this.openedAt;
		if (opened == null) {
			return Duration.ofMillis(wait);
		}
		Duration left = Duration.ofMillis(wait).minus(Duration.between(opened, this.clock.instant()));
		return left.isNegative() ? Duration.ZERO : left;
	}

	private static void discardBody(ServerRequest request) {
		ClientHttpResponse upstream = MvcUtils.getAttribute(request, MvcUtils.CLIENT_RESPONSE_ATTR);
		if (upstream != null) {
			upstream.close();
		}
	}

	private ServerResponse problem(CorelakeException ex) {
		if (log.isWarnEnabled()) {
			log.warn(ex.getErrorCode().code() + " from " + this.service + ": " + ex.getBody().getDetail()
					+ ((ex.getCause() != null) ? " (" + ex.getCause() + ")" : ""));
		}
		return ServerResponse.status(ex.getStatusCode()).build((servletRequest, servletResponse) -> {
			this.problems.write(ex, servletRequest, servletResponse);
			return null;
		});
	}

}
