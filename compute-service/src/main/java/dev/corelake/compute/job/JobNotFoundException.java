package dev.corelake.compute.job;

import dev.corelake.compute.system.ComputeErrorCode;
import dev.corelake.errors.CorelakeException;

/**
 * No job with that id, or none the caller may see.
 *
 * @author Corelake
 */
public class JobNotFoundException extends CorelakeException {

	JobNotFoundException(String id) {
		super(ComputeErrorCode.COMPUTE_JOB_NOT_FOUND, "No compute job '" + id + "'.");
	}

	static JobNotFoundException withId(String id) {
		return new JobNotFoundException(id);
	}

}
