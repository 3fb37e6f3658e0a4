package dev.corelake.config.system;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of config-service ({@code corelake.config.*}).
 *
 * @param secrets how secret values are encrypted at rest
 * @param watch how change watches are held and how replicas learn of each other's writes
 * @param limits how much one namespace and profile may hold
 * @author Corelake
 */
@ConfigurationProperties("corelake.config")
@Validated
public record ConfigServiceProperties(@Valid @DefaultValue Secrets secrets, @Valid @DefaultValue Watch watch,
		@Valid @DefaultValue Limits limits) {

	/**
	 * Encryption of secret values.
	 *
	 * @param keyFile file holding the AES-256 key (Base64 of 32 bytes); generated with
	 * mode 0600 when absent, except in the {@code prod} profile where a missing key stops
	 * startup
	 */
	public record Secrets(@NotNull @DefaultValue("./data/config/secrets.key") Path keyFile) {
	}

	/**
	 * Long-poll watches.
	 *
	 * @param timeout how long a watch is held before it is answered 304
	 * @param pollInterval how often this replica reads the shared revision counter to
	 * learn of writes made on other replicas
	 * @param maxWaiters how many watches this replica holds at most
	 */
	public record Watch(@NotNull @DefaultValue("30s") Duration timeout,
			@NotNull @DefaultValue("500ms") Duration pollInterval,
			@Min(1) @Max(1_000_000) @DefaultValue("20000") int maxWaiters) {
	}

	/**
	 * Size limits of one namespace and profile.
	 *
	 * @param maxProperties most properties it may hold
	 * @param maxTotalChars most characters of keys and values together
	 */
	public record Limits(@Min(1) @DefaultValue("5000") int maxProperties,
			@Min(1) @DefaultValue("4000000") int maxTotalChars) {
	}

}
