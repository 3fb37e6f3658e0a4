package dev.corelake.gateway.edge;

import java.io.IOException;
import java.util.Enumeration;

import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.web.ProblemWriter;
import dev.corelake.gateway.system.GatewayErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests whose headers together exceed the limit with 431
 * {@code HEADERS_TOO_LARGE}, as a problem. The servlet container's own limit sits above
 * this one, so that the answer is the contract's rather than the container's.
 *
 * @author Corelake
 */
public class HeaderSizeFilter extends OncePerRequestFilter {

	private final long maxBytes;

	private final ProblemWriter problems;

	/**
	 * Creates the filter.
	 * @param maxBytes the largest total size of the headers (names, values, separators)
	 * @param problems writes the 431 problem
	 */
	public HeaderSizeFilter(long maxBytes, ProblemWriter problems) {
		this.maxBytes = maxBytes;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long size = 0;
		Enumeration<String> names = request.getHeaderNames();
		while (names.hasMoreElements()) {
			String name = names.nextElement();
			Enumeration<String> values = request.getHeaders(name);
			while (values.hasMoreElements()) {
				// "Name: value\r\n"
				size += name.length() + values.nextElement().length() + 4;
			}
		}
		if (size > this.maxBytes) {
			this.problems.write(new CorelakeException(GatewayErrorCode.HEADERS_TOO_LARGE,
					"The request headers take " + size + " bytes; the gateway accepts at most " + this.maxBytes + "."),
					request, response);
			return;
		}
		chain.doFilter(request, response);
	}

}
