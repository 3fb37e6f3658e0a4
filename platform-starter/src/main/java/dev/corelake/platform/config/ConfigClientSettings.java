package dev.corelake.platform.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.corelake.platform.security.SecurityProperties;

import org.springframework.boot.context.properties.bind.Binder;

/**
 * What the client needs before the application context exists, read from the environment
 * that imports {@code corelake-config:} ({@code corelake.config.client.*}).
 *
 * @param uri config-service's base URL: the location after {@code corelake-config:}, else
 * {@code corelake.config.client.uri}, else {@code http://localhost:8082}
 * @param namespace the namespace to read: {@code corelake.config.client.namespace}, else
 * {@code spring.application.name}
 * @param profile the profile: {@code corelake.config.client.profile}, else the first
 * active profile, else {@code default}
 * @param cacheFile where the last good view is kept:
 * {@code corelake.config.client.cache-file}, else
 * {@code ${corelake.data-dir:./data}/config-cache/<namespace>-<profile>.json}
 * @param token a fixed bearer token ({@code corelake.config.client.token}; scripts and
 * tests), else a client-credentials token from auth-service
 * @param authUrl auth-service ({@code corelake.platform.security.auth-url})
 * @param clientId this service's client id ({@code corelake.platform.security.client-id})
 * @param clientSecret its secret ({@code corelake.platform.security.client-secret})
 * @param connectTimeout connect timeout for every call
 * @param readTimeout read timeout of the startup read
 * @param watchTimeout read timeout of one watch (longer than the server's hold time)
 * @param retryDelay pause after a failed watch
 * @param watch whether to watch for changes at all
 * @author Corelake
 */
record ConfigClientSettings(URI uri, String namespace, String profile, Path cacheFile, String token, URI authUrl,
		String clientId, String clientSecret, Duration connectTimeout, Duration readTimeout, Duration watchTimeout,
		Duration retryDelay, boolean watch) {

	static final String PREFIX = "corelake.config.client.";

	static ConfigClientSettings from(Binder binder, String location) {
		String uri = (location != null && !location.isBlank()) ? location
				: binder.bind(PREFIX + "uri", String.class).orElse("http://localhost:8082");
		String namespace = binder.bind(PREFIX + "namespace", String.class)
			.orElseGet(() -> binder.bind("spring.application.name", String.class)
				.orElseThrow(() -> new IllegalStateException(
						"corelake-config: needs spring.application.name or corelake.config.client.namespace")));
		String profile = binder.bind(PREFIX + "profile", String.class)
			.orElseGet(() -> binder.bind("spring.profiles.active", String[].class)
				.map(List::of)
				.orElse(List.of())
				.stream()
				.map(String::trim)
				.filter((active) -> !active.isEmpty())
				.findFirst()
				.orElse("default"));
		String dataDir = binder.bind("corelake.data-dir", String.class).orElse("./data");
		Path cacheFile = binder.bind(PREFIX + "cache-file", Path.class)
			.orElse(Path.of(dataDir, "config-cache", namespace + "-" + profile + ".json"));
		return new ConfigClientSettings(URI.create(uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri),
				namespace, profile, cacheFile, binder.bind(PREFIX + "token", String.class).orElse(null),
				binder.bind("corelake.platform.security.auth-url", URI.class)
					.orElse(URI.create(SecurityProperties.DEFAULT_AUTH_URL)),
				binder.bind("corelake.platform.security.client-id", String.class).orElse(null),
				binder.bind("corelake.platform.security.client-secret", String.class).orElse(null),
				binder.bind(PREFIX + "connect-timeout", Duration.class).orElse(Duration.ofSeconds(2)),
				binder.bind(PREFIX + "read-timeout", Duration.class).orElse(Duration.ofSeconds(5)),
				binder.bind(PREFIX + "watch-timeout", Duration.class).orElse(Duration.ofSeconds(45)),
				binder.bind(PREFIX + "retry-delay", Duration.class).orElse(Duration.ofSeconds(5)),
				binder.bind(PREFIX + "watch", Boolean.class).orElse(true));
	}

	/** The name of the property source holding the view. */
	String propertySourceName() {
		return "corelake-config:" + this.namespace + "/" + this.profile;
	}

}
