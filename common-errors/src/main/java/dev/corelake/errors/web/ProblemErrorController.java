package dev.corelake.errors.web;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatch (errors raised outside Spring MVC, in
 * filters or by the container itself) with a problem instead of Spring Boot's default
 * error map.
 *
 * @author Corelake
 */
@RestController
public class ProblemErrorController implements ErrorController {

	private final ProblemEnricher enricher;

	/**
	 * Creates the controller.
	 * @param enricher completes problems
	 */
	public ProblemErrorController(ProblemEnricher enricher) {
		this.enricher = enricher;
	}

	/**
	 * Renders the error of the current error dispatch.
	 * @param request the request being dispatched to the error path
	 * @return the problem
	 */
	@RequestMapping(path = "${server.error.path:${error.path:/error}}",
			produces = { MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.ALL_VALUE })
	public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		ProblemDetail problem;
		ErrorCode code;
		int status;
		if (error instanceof CorelakeException corelake) {
			problem = corelake.getBody();
			code = corelake.getErrorCode();
			status = corelake.getStatusCode().value();
		}
		else {
			Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
			status = (statusAttribute instanceof Integer value && value >= 400) ? value : 500;
			code = StatusCodes.forStatus(status);
			problem = ProblemDetail.forStatus(status);
			problem.setDetail((code == CommonErrorCode.INTERNAL_ERROR)
					? "An unexpected error occurred; the traceId identifies it in the logs." : code.title() + ".");
		}
		this.enricher.enrich(problem, code, request);
		return ResponseEntity.status(HttpStatus.valueOf(status))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

}
