package dev.corelake.model;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.corelake.errors.test.ProblemAssert;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the service under test, optionally with a bearer token.
 *
 * @author Corelake
 */
public final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	private final String token;

	/**
	 * Creates the client.
	 * @param base the service's base URL
	 * @param token a bearer token, or {@code null}
	 */
	public Api(String base, String token) {
		this.base = base;
		this.token = token;
	}

	/**
	 * The same client with another token.
	 * @param otherToken the token
	 * @return the client
	 */
	public Api as(String otherToken) {
		return new Api(this.base, otherToken);
	}

	/**
	 * POSTs JSON.
	 * @param path the path
	 * @param body a map (serialized) or a string (sent as is)
	 * @return the answer
	 */
	public Answer post(String path, Object body) {
		return send("POST", path, body, null);
	}

	/**
	 * PUTs JSON.
	 * @param path the path
	 * @param body the body
	 * @param ifMatch an If-Match header, or {@code null}
	 * @return the answer
	 */
	public Answer put(String path, Object body, String ifMatch) {
		return send("PUT", path, body, ifMatch);
	}

	/**
	 * GETs.
	 * @param path the path
	 * @return the answer
	 */
	public Answer get(String path) {
		return send("GET", path, null, null);
	}

	/**
	 * DELETEs.
	 * @param path the path
	 * @param ifMatch an If-Match header, or {@code null}
	 * @return the answer
	 */
	public Answer delete(String path, String ifMatch) {
		return send("DELETE", path, null, ifMatch);
	}

	/**
	 * Sends a request.
	 * @param method the method
	 * @param path the path
	 * @param body a map, a string or {@code null}
	 * @param ifMatch an If-Match header, or {@code null}
	 * @return the answer
	 */
	public Answer send(String method, String path, Object body, String ifMatch) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60));
		if (body != null) {
			String text = (body instanceof String string) ? string : JSON.writeValueAsString(body);
			request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(text));
		}
		else {
			request.method(method, BodyPublishers.noBody());
		}
		if (this.token != null) {
			request.header("Authorization", "Bearer " + this.token);
		}
		if (ifMatch != null) {
			request.header("If-Match", ifMatch);
		}
		try {
			HttpResponse<String> response = HTTP.send(request.build(), BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("ETag").orElse(null), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An answer.
	 *
	 * @param status status
	 * @param contentType content type
	 * @param etag the ETag header
	 * @param body body
	 */
	public record Answer(int status, String contentType, String etag, String body) {

		/**
		 * The body as a JSON object.
		 * @return the map
		 */
		@SuppressWarnings("unchecked")
		public Map<String, Object> json() {
			return JSON.readValue(this.body, Map.class);
		}

		/**
		 * The body as a JSON array.
		 * @return the list
		 */
		@SuppressWarnings("unchecked")
		public List<Map<String, Object>> list() {
			return JSON.readValue(this.body, List.class);
		}

		/**
		 * Assertions on the answer as a problem.
		 * @return the assertion, already checked to conform to the contract
		 */
		public ProblemAssert problem() {
			return ProblemAssert.assertThatProblem(this.status, this.contentType, this.body).isConformant();
		}

	}

}
