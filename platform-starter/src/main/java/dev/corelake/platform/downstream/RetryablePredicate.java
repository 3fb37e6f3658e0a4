package dev.corelake.platform.downstream;

import java.util.function.Predicate;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;

/**
 * Decides which failures of an idempotent call are retried: those the problem marks
 * {@code retryable}, except an open breaker or a full bulkhead, where retrying at once
 * only adds load, and a timeout: the call has used its whole time already, and a caller
 * waiting in front (the gateway's route, 10 s) would give up before three attempts of 5 s
 * end — answering that this service timed out instead of naming the dependency that did
 * (found by the dependency-down matrix, {@code DependencyMatrixIT}). Named in
 * {@code resilience4j.retry.configs.default}.
 *
 * @author Corelake
 */
public class RetryablePredicate implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		if (failure instanceof CorelakeException problem) {
			return problem.getErrorCode().retryable() && problem.getErrorCode() != CommonErrorCode.UPSTREAM_CIRCUIT_OPEN
					&& problem.getErrorCode() != CommonErrorCode.UPSTREAM_BUSY
					&& problem.getErrorCode() != CommonErrorCode.UPSTREAM_TIMEOUT;
		}
		return false;
	}

}
