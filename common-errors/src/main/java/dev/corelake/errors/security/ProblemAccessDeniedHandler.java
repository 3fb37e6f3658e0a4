package dev.corelake.errors.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.web.ProblemWriter;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers an authenticated request that its roles or scopes do not allow with a 403
 * {@code ACCESS_DENIED} problem.
 *
 * @author Corelake
 */
public class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final ProblemWriter writer;

	/**
	 * Creates the handler.
	 * @param writer writes the problem
	 */
	public ProblemAccessDeniedHandler(ProblemWriter writer) {
		this.writer = writer;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		this.writer.write(new CorelakeException(CommonErrorCode.ACCESS_DENIED,
				"Your roles or scopes do not allow this operation."), request, response);
	}

}
