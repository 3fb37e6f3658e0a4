package dev.corelake.gateway.edge;

import java.io.IOException;

import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.web.ProblemWriter;
import dev.corelake.gateway.system.GatewayErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets only canonical paths in: a path that decoding or normalising would change is
 * refused with 400 {@code PATH_REJECTED} before anything else looks at it. So the path
 * the routes match, the path the authorization rules match and the path forwarded to the
 * service are one and the same, and no {@code ..}, encoded slash or backslash can carry a
 * request outside its route.
 *
 * @author Corelake
 */
public class PathGuardFilter extends OncePerRequestFilter {

	private final ProblemWriter problems;

	/**
	 * Creates the filter.
	 * @param problems writes the 400 problem
	 */
	public PathGuardFilter(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String reason = check(request.getRequestURI());
		if (reason != null) {
			this.problems.write(new CorelakeException(GatewayErrorCode.PATH_REJECTED,
					"The request path is not canonical: " + reason + "."), request, response);
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Checks a raw (undecoded) request path.
	 * @param path the path as sent
	 * @return why it is refused, or {@code null} when it is canonical
	 */
	static String check(String path) {
		if (path == null || path.isEmpty() || path.charAt(0) != '/') {
			return "it must start with '/'";
		}
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == '\\') {
				return "it contains a backslash";
			}
			if (c == ';') {
				return "it contains a matrix parameter (';')";
			}
			if (c <= 0x20 || c >= 0x7f) {
				return "it contains a control, space or non-ASCII character";
			}
			if (c == '%') {
				String encoded = encoded(path, i);
				if (encoded != null) {
					return encoded;
				}
				i += 2;
			}
		}
		String[] segments = path.substring(1).split("/", -1);
		for (int i = 0; i < segments.length; i++) {
			String segment = segments[i];
			if (segment.isEmpty() && i < segments.length - 1) {
				return "it contains an empty segment ('//')";
			}
			if (segment.equals(".") || segment.equals("..")) {
				return "it contains a '" + segment + "' segment";
			}
		}
		return null;
	}

	private static String encoded(String path, int at) {
		int high = (at + 1 < path.length()) ? Character.digit(path.charAt(at + 1), 16) : -1;
		int low = (at + 2 < path.length()) ? Character.digit(path.charAt(at + 2), 16) : -1;
		if (high < 0 || low < 0) {
			return "it contains an invalid percent-encoding";
		}
		int value = high * 16 + low;
		return switch (value) {
			case '/' -> "it contains an encoded slash";
			case '\\' -> "it contains an encoded backslash";
			case '.' -> "it contains an encoded dot";
			case '%' -> "it is encoded twice";
			case ';' -> "it contains an encoded ';'";
			default -> (value < 0x20 || value == 0x7f) ? "it contains an encoded control character" : null;
		};
	}

}
