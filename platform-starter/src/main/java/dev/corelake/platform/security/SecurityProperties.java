package dev.corelake.platform.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How a service checks the bearer tokens auth-service issues (zero trust: every service
 * checks every request again, whatever the gateway did).
 *
 * @param enabled whether requests must carry a valid token
 * @param authUrl base URL of auth-service, where the JWKS and the revocation feed are
 * read
 * @param issuer the {@code iss} every token must carry
 * @param audience the {@code aud} every token must contain
 * @param clockSkew tolerance when checking {@code exp} and {@code nbf}
 * @param jwksCacheTtl how long fetched signing keys are used before they are fetched
 * again (they are refreshed ahead of expiry, and kept when auth-service cannot be
 * reached)
 * @param jwksRefreshMinInterval the shortest interval between two fetches caused by an
 * unknown {@code kid}
 * @param revocationPollInterval how often the revocation feed is read; revoked tokens
 * stop working within this interval plus one request timeout
 * @param maxTokenSize bearer tokens larger than this are refused before they are parsed
 * @param publicPaths request paths (Ant patterns) answered without a token
 * @param clientId this service's API client, for calls made outside any user's request
 * @param clientSecret the client's secret (from a Kubernetes Secret)
 * @author Corelake
 */
@Validated
@ConfigurationProperties("corelake.platform.security")
public record SecurityProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue(SecurityProperties.DEFAULT_AUTH_URL) URI authUrl,
		@DefaultValue("http://localhost:8081") String issuer, @DefaultValue("corelake") String audience,
		@DefaultValue("30s") Duration clockSkew, @DefaultValue("5m") Duration jwksCacheTtl,
		@DefaultValue("30s") Duration jwksRefreshMinInterval, @DefaultValue("3s") Duration revocationPollInterval,
		@DefaultValue("8KB") DataSize maxTokenSize, @DefaultValue List<String> publicPaths, String clientId,
		String clientSecret) {

	/**
	 * Where auth-service answers when nothing else is configured (the all-in-one mode).
	 */
	public static final String DEFAULT_AUTH_URL = "http://localhost:8081";

	/**
	 * Where the signing keys are published.
	 * @return the JWKS URI
	 */
	public URI jwksUri() {
		return this.authUrl.resolve("/.well-known/jwks.json");
	}

	/**
	 * Where revoked token ids are published.
	 * @return the feed URI
	 */
	public URI revocationsUri() {
		return this.authUrl.resolve("/api/v1/auth/revocations");
	}

	/**
	 * The token endpoint, for client-credentials tokens.
	 * @return the token endpoint URI
	 */
	public URI tokenUri() {
		return this.authUrl.resolve("/api/v1/auth/token");
	}

}
