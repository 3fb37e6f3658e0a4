package dev.corelake.platform.config;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import dev.corelake.platform.security.ClientCredentialsTokens;
import tools.jackson.core.JacksonException;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.web.client.RestClient;

/**
 * Reads and watches one view on config-service over plain HTTP (it runs before the
 * application context, so it uses no beans). Calls carry a bearer token: the fixed one
 * when configured, else a client-credentials token from auth-service.
 *
 * @author Corelake
 */
class ConfigServerClient {

	private final ConfigClientSettings settings;

	private final HttpClient http;

	private final Supplier<Optional<String>> tokens;

	ConfigServerClient(ConfigClientSettings settings) {
		this.settings = settings;
		this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
		if (settings.token() != null) {
			this.tokens = () -> Optional.of(settings.token());
		}
		else {
			HttpClientSettings client = HttpClientSettings.defaults()
				.withConnectTimeout(settings.connectTimeout())
				.withReadTimeout(settings.readTimeout());
			RestClient endpoint = RestClient.builder()
				.baseUrl(settings.authUrl().resolve("/api/v1/auth/token").toString())
				.requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(client))
				.build();
			ClientCredentialsTokens credentials = new ClientCredentialsTokens(endpoint, settings.clientId(),
					settings.clientSecret(), Clock.systemUTC());
			this.tokens = credentials::token;
		}
	}

	/**
	 * Reads the view.
	 * @return the view
	 * @throws IOException when config-service cannot be reached or answers anything but
	 * the view
	 */
	ConfigSnapshot fetch() throws IOException {
		HttpResponse<String> response = send(view(""), this.settings.readTimeout());
		if (response.statusCode() != 200) {
			throw unexpected(response);
		}
		return parse(response);
	}

	/**
	 * Waits for a view newer than a revision.
	 * @param revision the revision the client has
	 * @return the newer view, or empty when none came within the server's hold time
	 * @throws IOException when config-service cannot be reached or answers garbage
	 */
	Optional<ConfigSnapshot> watch(long revision) throws IOException {
		HttpResponse<String> response = send(view("/watch") + "&revision=" + revision, this.settings.watchTimeout());
		if (response.statusCode() == 304) {
			return Optional.empty();
		}
		if (response.statusCode() != 200) {
			throw unexpected(response);
		}
		return Optional.of(parse(response));
	}

	private String view(String suffix) {
		return "/api/v1/config/views/" + URLEncoder.encode(this.settings.namespace(), StandardCharsets.UTF_8) + suffix
				+ "?profile=" + URLEncoder.encode(this.settings.profile(), StandardCharsets.UTF_8);
	}

	private HttpResponse<String> send(String path, Duration timeout) throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.settings.uri() + path))
			.timeout(timeout)
			.header("Accept", "application/json")
			.GET();
		try {
			this.tokens.get().ifPresent((token) -> request.header("Authorization", "Bearer " + token));
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while calling config-service", ex);
		}
		catch (RuntimeException ex) {
			// the token endpoint failed: config-service is as unreachable as without it
			throw new IOException("Cannot obtain a token for config-service: " + ex.getMessage(), ex);
		}
	}

	private ConfigSnapshot parse(HttpResponse<String> response) throws IOException {
		try {
			ConfigSnapshot snapshot = ConfigJson.readSnapshot(response.body());
			if (snapshot == null || snapshot.properties() == null) {
				throw new IOException("config-service answered a view without properties");
			}
			return snapshot;
		}
		catch (JacksonException ex) {
			throw new IOException("config-service answered something that is not a view", ex);
		}
	}

	private static IOException unexpected(HttpResponse<String> response) {
		return new IOException(
				"config-service answered HTTP " + response.statusCode() + " for " + response.request().uri().getPath());
	}

}
