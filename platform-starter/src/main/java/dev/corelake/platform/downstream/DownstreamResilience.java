package dev.corelake.platform.downstream;

import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.client.UpstreamErrors;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;

/**
 * Runs a call to a downstream service through that service's resilience4j instances: a
 * bulkhead (so one slow service cannot take every thread), a circuit breaker, and — for
 * idempotent methods only — a retry with backoff. Every failure leaves as a contract
 * problem naming the service.
 *
 * @author Corelake
 */
public class DownstreamResilience {

	private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

	private final CircuitBreakerRegistry circuitBreakers;

	private final RetryRegistry retries;

	private final BulkheadRegistry bulkheads;

	/**
	 * Creates the runner over the application's resilience4j registries.
	 * @param circuitBreakers breaker registry
	 * @param retries retry registry
	 * @param bulkheads bulkhead registry
	 */
	public DownstreamResilience(CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
			BulkheadRegistry bulkheads) {
		this.circuitBreakers = circuitBreakers;
		this.retries = retries;
		this.bulkheads = bulkheads;
	}

	/**
	 * Runs a call.
	 * @param <T> the result type
	 * @param service the downstream service name (the resilience4j instance name)
	 * @param method the HTTP method, deciding whether a retry is allowed
	 * @param call the call; it throws {@link CorelakeException}s for failures
	 * @return the result
	 */
	public <T> T call(String service, String method, Supplier<T> call) {
		CircuitBreaker breaker = this.circuitBreakers.circuitBreaker(service);
		Bulkhead bulkhead = this.bulkheads.bulkhead(service);
		Supplier<T> guarded = Bulkhead.decorateSupplier(bulkhead, CircuitBreaker.decorateSupplier(breaker, call));
		if (IDEMPOTENT.contains(method)) {
			guarded = Retry.decorateSupplier(this.retries.retry(service), guarded);
		}
		try {
			return guarded.get();
		}
		catch (CallNotPermittedException ex) {
			long waitMillis = breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1);
			throw UpstreamErrors.circuitOpen(service, Duration.ofMillis(waitMillis));
		}
		catch (BulkheadFullException ex) {
			throw UpstreamErrors.fromFailure(service, ex);
		}
	}

	/**
	 * The circuit breaker of a service, for health reporting and tests.
	 * @param service the service name
	 * @return its breaker
	 */
	public CircuitBreaker circuitBreaker(String service) {
		return this.circuitBreakers.circuitBreaker(service);
	}

}
