package dev.corelake.sync;

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

import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the service under test.
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

	/**
	 * Creates the client.
	 * @param base the service's base URL
	 */
	public Api(String base) {
		this.base = base;
	}

	/**
	 * POSTs JSON.
	 * @param path the path
	 * @param body the body (a map, serialized) or a string (sent as is)
	 * @return the answer
	 */
	public Answer post(String path, Object body) {
		String text = (body instanceof String string) ? string : JSON.writeValueAsString(body);
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(text)));
	}

	/**
	 * POSTs without a body.
	 * @param path the path
	 * @return the answer
	 */
	public Answer post(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).POST(BodyPublishers.noBody()));
	}

	/**
	 * GETs.
	 * @param path the path
	 * @return the answer
	 */
	public Answer get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET());
	}

	/**
	 * DELETEs.
	 * @param path the path
	 * @return the answer
	 */
	public Answer delete(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).DELETE());
	}

	/**
	 * Sends a request with a raw body and content type.
	 * @param method the method
	 * @param path the path
	 * @param contentType the content type
	 * @param body the body
	 * @return the answer
	 */
	public Answer raw(String method, String path, String contentType, String body) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", contentType)
			.method(method, BodyPublishers.ofString(body)));
	}

	private static Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
					BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body());
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
	 * @param body body
	 */
	public record Answer(int status, String contentType, String body) {

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

	}

}
