package dev.corelake.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small client of auth-service's HTTP API for tests: forms, JSON, bearer tokens.
 *
 * @author Corelake
 */
public final class AuthApi {

	/** Token endpoint. */
	public static final String TOKEN = "/api/v1/auth/token";

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final int port;

	/**
	 * A client of the service on a port.
	 * @param port the port
	 */
	public AuthApi(int port) {
		this.port = port;
	}

	/**
	 * The full URI of a path.
	 * @param path the path
	 * @return the URI
	 */
	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/**
	 * A request builder for a path.
	 * @param path the path
	 * @return the builder
	 */
	public HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
	}

	/**
	 * Sends a request.
	 * @param request the request
	 * @return the answer
	 */
	public Answer send(HttpRequest.Builder request) {
		try {
			return new Answer(HTTP.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * GET with an optional bearer token.
	 * @param path the path
	 * @param token the token, or {@code null}
	 * @return the answer
	 */
	public Answer get(String path, String token) {
		return send(bearer(request(path).GET(), token));
	}

	/**
	 * POST of a form, parameters in the given order.
	 * @param path the path
	 * @param form name/value pairs
	 * @return the answer
	 */
	public Answer form(String path, String... form) {
		return formWith(path, null, form);
	}

	/**
	 * POST of a form with an {@code Authorization} header.
	 * @param path the path
	 * @param authorization the header value, or {@code null}
	 * @param form name/value pairs
	 * @return the answer
	 */
	public Answer formWith(String path, String authorization, String... form) {
		HttpRequest.Builder builder = request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(encode(form)));
		if (authorization != null) {
			builder.header("Authorization", authorization);
		}
		return send(builder);
	}

	/**
	 * POST of JSON with an optional bearer token.
	 * @param path the path
	 * @param token the token, or {@code null}
	 * @param json the body
	 * @return the answer
	 */
	public Answer postJson(String path, String token, String json) {
		return send(bearer(request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)),
				token));
	}

	/**
	 * PATCH of JSON with a bearer token.
	 * @param path the path
	 * @param token the token
	 * @param json the body
	 * @return the answer
	 */
	public Answer patchJson(String path, String token, String json) {
		return send(bearer(
				request(path).header("Content-Type", "application/json").method("PATCH", BodyPublishers.ofString(json)),
				token));
	}

	/**
	 * Logs in with a password and checks it worked.
	 * @param username the username
	 * @param password the password
	 * @return the tokens
	 */
	public Tokens login(String username, String password) {
		Answer answer = form(TOKEN, "grant_type", "password", "username", username, "password", password);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return new Tokens(answer.string("access_token"), answer.string("refresh_token"));
	}

	/**
	 * Exchanges a refresh token.
	 * @param refreshToken the refresh token
	 * @return the answer
	 */
	public Answer refresh(String refreshToken) {
		return form(TOKEN, "grant_type", "refresh_token", "refresh_token", refreshToken);
	}

	/**
	 * Creates a user as an admin and checks it worked.
	 * @param adminToken an ADMIN's access token
	 * @param username the username
	 * @param password the password
	 * @param roles the roles
	 */
	public void createUser(String adminToken, String username, String password, String... roles) {
		Answer answer = postJson("/api/v1/auth/users", adminToken,
				json(Map.of("username", username, "password", password, "roles", List.of(roles))));
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
	}

	/**
	 * An HTTP Basic header value, each part form-encoded as RFC 6749 requires.
	 * @param id the client id
	 * @param secret the secret
	 * @return the header value
	 */
	public static String basic(String id, String secret) {
		String pair = URLEncoder.encode(id, StandardCharsets.UTF_8) + ":"
				+ URLEncoder.encode(secret, StandardCharsets.UTF_8);
		return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Writes JSON.
	 * @param value the value
	 * @return the JSON text
	 */
	public static String json(Object value) {
		return Answer.JSON.writeValueAsString(value);
	}

	/**
	 * Encodes name/value pairs as a form body.
	 * @param form the pairs
	 * @return the body
	 */
	public static String encode(String... form) {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < form.length; i += 2) {
			if (!body.isEmpty()) {
				body.append('&');
			}
			body.append(URLEncoder.encode(form[i], StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
		}
		return body.toString();
	}

	/**
	 * Joins values as a space-separated list.
	 * @param values the values
	 * @return the list
	 */
	public static String spaced(List<String> values) {
		return values.stream().collect(Collectors.joining(" "));
	}

	private static HttpRequest.Builder bearer(HttpRequest.Builder builder, String token) {
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	/**
	 * The tokens of a login.
	 *
	 * @param access the access token
	 * @param refresh the refresh token
	 */
	public record Tokens(String access, String refresh) {
	}

}
