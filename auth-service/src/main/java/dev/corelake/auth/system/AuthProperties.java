package dev.corelake.auth.system;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of auth-service ({@code corelake.auth.*}).
 *
 * @param issuer the {@code iss} of every token, and the base of the published URLs unless
 * {@code publicUrl} is set
 * @param audience the {@code aud} of every token
 * @param publicUrl base URL under which callers reach this service (for the discovery
 * document); defaults to the issuer
 * @param accessTokenTtl lifetime of an access token
 * @param refreshTokenTtl lifetime of a refresh token (each rotation starts a new one)
 * @param clockSkew tolerance when checking {@code exp} and {@code nbf}, and extra grace
 * before a retired key leaves the JWKS
 * @param adminPassword password of the bootstrap {@code admin} user, used only when no
 * user exists yet; {@code CORELAKE_ADMIN_PASSWORD} is read when this is unset
 * @param maintenanceInterval how often key rotation, key retirement and the purge of
 * expired tokens are checked (ISO-8601, e.g. {@code PT1M})
 * @param keys signing keys
 * @param login brute-force protection of password logins
 * @param platformClient the API client bootstrapped for the platform's own services
 * @author Corelake
 */
@Validated
@ConfigurationProperties("corelake.auth")
public record AuthProperties(@NotBlank @DefaultValue("http://localhost:8081") String issuer,
		@NotBlank @DefaultValue("corelake") String audience, String publicUrl,
		@NotNull @DefaultValue("10m") Duration accessTokenTtl, @NotNull @DefaultValue("8h") Duration refreshTokenTtl,
		@NotNull @DefaultValue("30s") Duration clockSkew, String adminPassword,
		@NotNull @DefaultValue("PT1M") Duration maintenanceInterval, @Valid @NotNull @DefaultValue Keys keys,
		@Valid @NotNull @DefaultValue Login login, @Valid @NotNull @DefaultValue PlatformClient platformClient) {

	/**
	 * The base URL of the published endpoints, without a trailing slash.
	 * @return the public URL
	 */
	public String baseUrl() {
		String base = (this.publicUrl != null && !this.publicUrl.isBlank()) ? this.publicUrl : this.issuer;
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	/**
	 * How long a retired signing key stays published: until every token it signed has
	 * expired, plus the clock skew.
	 * @return the grace period
	 */
	public Duration retiredKeyGrace() {
		return this.accessTokenTtl.plus(this.clockSkew);
	}

	/**
	 * Signing keys.
	 *
	 * @param rotationPeriod age at which the active key is replaced by a new one
	 * @param encryptionKeyFile file holding the key-encryption key (32 random bytes,
	 * Base64) that encrypts private keys at rest; generated with mode 0600 when absent,
	 * except in the {@code prod} profile, where it must be supplied (a Kubernetes Secret)
	 */
	public record Keys(@NotNull @DefaultValue("30d") Duration rotationPeriod,
			@NotBlank @DefaultValue("./data/auth/key-encryption.key") String encryptionKeyFile) {
	}

	/**
	 * Brute-force protection: failed password logins allowed per window, per username and
	 * per client address, refilled gradually over the window.
	 *
	 * @param maxFailuresPerUser failures per username per window
	 * @param maxFailuresPerAddress failures per client address per window
	 * @param failureWindow the window
	 * @param maxTrackedKeys most usernames and addresses tracked at once (memory bound)
	 */
	public record Login(@Min(1) @DefaultValue("5") int maxFailuresPerUser,
			@Min(1) @DefaultValue("20") int maxFailuresPerAddress, @NotNull @DefaultValue("5m") Duration failureWindow,
			@Min(100) @Max(10_000_000) @DefaultValue("100000") int maxTrackedKeys) {
	}

	/**
	 * The API client the platform's services use for background work. It is created (or
	 * its secret updated) at startup only when a secret is configured;
	 * {@code CORELAKE_PLATFORM_CLIENT_SECRET} is read when {@code secret} is unset.
	 *
	 * @param clientId its client id
	 * @param secret its secret, at least 32 characters; from a Kubernetes Secret
	 * @param scopes its scopes
	 */
	public record PlatformClient(@NotBlank @DefaultValue("corelake-platform") String clientId, String secret,
			@NotEmpty @DefaultValue("platform") List<String> scopes) {
	}

}
