package dev.corelake.platform.downstream;

import java.util.function.Predicate;

import dev.corelake.errors.CorelakeException;

/**
 * Decides which failures count against a downstream's circuit breaker: transport failures
 * and the downstream's own 5xx answers do; a 4xx problem (the caller's mistake, or a
 * resource that does not exist) does not. Named in
 * {@code resilience4j.circuitbreaker.configs.default}.
 *
 * @author Corelake
 */
public class UpstreamFailurePredicate implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		if (failure instanceof CorelakeException problem) {
			return problem.getStatusCode().is5xxServerError();
		}
		return true;
	}

}
