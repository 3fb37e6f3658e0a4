package dev.corelake.errors.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import dev.corelake.errors.CorelakeException;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Writes a problem straight to a servlet response, for code that runs outside Spring MVC
 * (security filters, servlet filters).
 *
 * @author Corelake
 */
public class ProblemWriter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ProblemEnricher enricher;

	/**
	 * Creates a writer.
	 * @param enricher completes every problem with the contract's members
	 */
	public ProblemWriter(ProblemEnricher enricher) {
		this.enricher = enricher;
	}

	/**
	 * Writes the problem of an exception.
	 * @param exception the exception
	 * @param request the request
	 * @param response the response, not yet committed
	 * @throws IOException when the response cannot be written
	 */
	public void write(CorelakeException exception, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		ProblemDetail problem = exception.getBody();
		this.enricher.enrich(problem, exception.getErrorCode(), request);
		response.setStatus(problem.getStatus());
		exception.getHeaders().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		JSON.writeValue(response.getOutputStream(), toMap(problem));
	}

	static Map<String, Object> toMap(ProblemDetail problem) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", String.valueOf(problem.getType()));
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			body.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return body;
	}

}
