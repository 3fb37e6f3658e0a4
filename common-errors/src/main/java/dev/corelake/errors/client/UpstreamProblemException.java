package dev.corelake.errors.client;

import java.util.Map;

import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.ErrorCode;
import dev.corelake.errors.Problems;

/**
 * A problem answered by another service, raised again in this one. It keeps the
 * upstream's status and {@code code} (so a {@code DATASET_NOT_FOUND} stays one across
 * hops) and carries the upstream body in the {@code upstream} member, which itself may
 * hold the problem that caused it.
 *
 * @author Corelake
 */
public class UpstreamProblemException extends CorelakeException {

	private final String upstreamService;

	private final transient Map<String, Object> upstreamProblem;

	UpstreamProblemException(ErrorCode code, String detail, String upstreamService,
			Map<String, Object> upstreamProblem) {
		super(code, detail);
		this.upstreamService = upstreamService;
		this.upstreamProblem = upstreamProblem;
		with(Problems.UPSTREAM, upstreamProblem);
	}

	/**
	 * The service that answered with the problem.
	 * @return the service name
	 */
	public String getUpstreamService() {
		return this.upstreamService;
	}

	/**
	 * The code the upstream answered with.
	 * @return the code
	 */
	public String getUpstreamCode() {
		return getErrorCode().code();
	}

	/**
	 * The upstream's problem body as received.
	 * @return the body members
	 */
	public Map<String, Object> getUpstreamProblem() {
		return this.upstreamProblem;
	}

}
