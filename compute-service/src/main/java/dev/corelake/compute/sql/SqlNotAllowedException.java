package dev.corelake.compute.sql;

import dev.corelake.compute.system.ComputeErrorCode;
import dev.corelake.errors.CorelakeException;

/**
 * The SQL of a job is not a read-only query over catalog datasets.
 *
 * @author Corelake
 */
public class SqlNotAllowedException extends CorelakeException {

	SqlNotAllowedException(String reason) {
		super(ComputeErrorCode.SQL_NOT_ALLOWED, reason);
		with("reason", reason);
	}

	static SqlNotAllowedException because(String reason) {
		return new SqlNotAllowedException(reason);
	}

}
