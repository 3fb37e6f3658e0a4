package dev.corelake.config.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.client.ProblemResponseErrorHandler;
import dev.corelake.errors.client.UpstreamFailureInterceptor;
import dev.corelake.errors.web.ProblemWriter;
import dev.corelake.platform.security.ClientCredentialsTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets applications that speak the Spring Cloud Config Server protocol authenticate the
 * way its client does out of the box, with HTTP Basic: on the
 * {@code /api/v1/config/spring/**} paths only, {@code Authorization: Basic} with an API
 * client's id and secret is exchanged at auth-service for a client-credentials token
 * (kept until shortly before it expires), and the request continues as if it had carried
 * that bearer token. auth-service decides: a refused secret is a 401, auth-service down a
 * 503 naming it. Secrets are only held as a SHA-256 key of the cache, never logged.
 *
 * @author Corelake
 */
class ClientSecretExchangeFilter extends OncePerRequestFilter {

	static final String PATH = "/api/v1/config/spring/";

	private static final String BASIC = "Basic ";

	private static final int MAX_CLIENTS = 256;

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private final RestClient tokenEndpoint;

	private final ProblemWriter problems;

	private final Clock clock;

	private final Map<String, ClientCredentialsTokens> clients = Collections
		.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, ClientCredentialsTokens> eldest) {
				return size() > MAX_CLIENTS;
			}

		});

	ClientSecretExchangeFilter(String tokenUri, ProblemWriter problems, Clock clock) {
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withConnectTimeout(TIMEOUT)
			.withReadTimeout(TIMEOUT);
		this.tokenEndpoint = RestClient.builder()
			.baseUrl(tokenUri)
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(settings))
			.requestInterceptor(new UpstreamFailureInterceptor("auth-service"))
			// a refused id or secret is the caller's problem, not an upstream failure
			.defaultStatusHandler(HttpStatusCode::is4xxClientError, (request, response) -> {
				throw refused("auth-service refused this client id and secret.");
			})
			.defaultStatusHandler(new ProblemResponseErrorHandler("auth-service"))
			.build();
		this.problems = problems;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())
				|| !request.getRequestURI().startsWith(PATH);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String token;
		try {
			token = exchange(request.getHeader(HttpHeaders.AUTHORIZATION).substring(BASIC.length()).trim());
		}
		catch (CorelakeException ex) {
			this.problems.write(ex, request, response);
			return;
		}
		chain.doFilter(new BearerRequest(request, "Bearer " + token), response);
	}

	private String exchange(String credentials) {
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw refused("The Basic credentials are not valid Base64.");
		}
		int colon = decoded.indexOf(':');
		if (colon <= 0 || colon == decoded.length() - 1) {
			throw refused("Basic credentials must be an API client's id and secret.");
		}
		String key = sha256(decoded);
		ClientCredentialsTokens tokens = this.clients.computeIfAbsent(key,
				(k) -> new ClientCredentialsTokens(this.tokenEndpoint, decoded.substring(0, colon),
						decoded.substring(colon + 1), this.clock));
		try {
			Optional<String> token = tokens.token();
			return token.orElseThrow(() -> refused("auth-service issued no token for these client credentials."));
		}
		catch (CorelakeException ex) {
			this.clients.remove(key);
			throw ex;
		}
	}

	private static CorelakeException refused(String detail) {
		return new CorelakeException(CommonErrorCode.AUTHENTICATION_REQUIRED, detail);
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The request as it would have been with the bearer token instead of Basic. */
	private static final class BearerRequest extends HttpServletRequestWrapper {

		private final String authorization;

		BearerRequest(HttpServletRequest request, String authorization) {
			super(request);
			this.authorization = authorization;
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? this.authorization : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)
					? Collections.enumeration(java.util.List.of(this.authorization)) : super.getHeaders(name);
		}

	}

}
