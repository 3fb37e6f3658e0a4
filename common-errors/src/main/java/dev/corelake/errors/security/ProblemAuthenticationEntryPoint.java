package dev.corelake.errors.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.web.ProblemWriter;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request without valid credentials with a 401 problem:
 * {@code AUTHENTICATION_REQUIRED} when no token was sent, {@code TOKEN_EXPIRED} for an
 * expired (or not yet valid) token, and {@code TOKEN_INVALID} for anything else. The
 * detail never says more than that, so a forger learns nothing about which check failed.
 *
 * @author Corelake
 */
public class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final ProblemWriter writer;

	/**
	 * Creates the entry point.
	 * @param writer writes the problem
	 */
	public ProblemAuthenticationEntryPoint(ProblemWriter writer) {
		this.writer = writer;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		CorelakeException problem;
		if (!(authException instanceof OAuth2AuthenticationException oauth)) {
			problem = new CorelakeException(CommonErrorCode.AUTHENTICATION_REQUIRED,
					"This operation needs a bearer token.")
				.withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		else if (isExpiry(oauth)) {
			problem = new CorelakeException(CommonErrorCode.TOKEN_EXPIRED,
					"The bearer token has expired or is not valid yet.")
				.withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		}
		else {
			problem = new CorelakeException(CommonErrorCode.TOKEN_INVALID, "The bearer token is not valid.")
				.withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		}
		this.writer.write(problem, request, response);
	}

	private static boolean isExpiry(OAuth2AuthenticationException exception) {
		String description = exception.getError().getDescription();
		if (description == null) {
			description = exception.getMessage();
		}
		return description != null
				&& (description.contains("Jwt expired at") || description.contains("Jwt used before"));
	}

}
