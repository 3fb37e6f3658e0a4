package dev.corelake.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits per client (the token's subject, or the client address when anonymous) and
 * route group. A route names its group
 * ({@code corelake.gateway.services.<name>.rate-limit}); the gateway's own endpoints
 * count against {@code default}. Limits are held in this gateway instance's memory: with
 * several replicas, each enforces them on its own share.
 *
 * @param enabled whether limits apply
 * @param groups limits by group name
 * @param maxClients how many client buckets are kept; beyond it, idle ones are dropped
 * @author Corelake
 */
@Validated
@ConfigurationProperties("corelake.gateway.rate-limits")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue Map<String, @Valid Limit> groups,
		@Min(1) @DefaultValue("100000") int maxClients) {

	/** The group the gateway's own endpoints, and routes without one, count against. */
	public static final String DEFAULT_GROUP = "default";

	/**
	 * One group's limit: {@code capacity} requests per {@code period}, all restored at
	 * once when the period ends.
	 *
	 * @param capacity requests allowed per period
	 * @param period the window
	 */
	public record Limit(@Min(1) long capacity, @NotNull Duration period) {
	}

}
