package dev.corelake.sync.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where sources may read from ({@code corelake.sync.sources.*}): the allowed directories
 * of file sources, the allowlist and address rules of URL sources, the drivers and
 * timeouts of JDBC sources.
 *
 * @param files file sources
 * @param url http(s) sources
 * @param jdbc JDBC sources
 * @param maxRecordBytes longest CSV record or JSON line kept; a longer one is rejected
 * @author Corelake
 */
@Validated
@ConfigurationProperties("corelake.sync.sources")
public record SourcePolicyProperties(@Valid @NotNull @DefaultValue Files files, @Valid @NotNull @DefaultValue Url url,
		@Valid @NotNull @DefaultValue Jdbc jdbc,
		@DefaultValue("1048576") @Min(1024) @Max(268_435_456) int maxRecordBytes) {

	/**
	 * File sources.
	 *
	 * @param allowedDirs directories whose files (and subdirectories' files) sources may
	 * read; a source path is taken relative to the first one unless absolute; symbolic
	 * links leading out of them are refused
	 */
	public record Files(@DefaultValue List<Path> allowedDirs) {
	}

	/**
	 * http(s) sources.
	 *
	 * @param allowedHosts host names sources may fetch from: {@code data.example.com},
	 * {@code *.example.com} (any subdomain), or {@code *} (any host); empty refuses every
	 * URL source
	 * @param allowPrivateNetworks whether hosts may resolve to loopback, private (RFC
	 * 1918, unique-local), shared (100.64/10), link-local (including the cloud metadata
	 * address 169.254.169.254) or other special-purpose addresses; off by default
	 * @param allowedNetworks networks (CIDR, e.g. {@code 10.20.0.0/16}) allowed even
	 * though they are private
	 * @param connectTimeout connection timeout
	 * @param readTimeout longest wait for the next bytes of an answer
	 * @param maxRedirects most redirects followed (each checked like the first URL)
	 */
	public record Url(@DefaultValue List<String> allowedHosts, @DefaultValue("false") boolean allowPrivateNetworks,
			@DefaultValue List<String> allowedNetworks, @DefaultValue("10s") Duration connectTimeout,
			@DefaultValue("60s") Duration readTimeout, @DefaultValue("5") @Min(0) @Max(20) int maxRedirects) {
	}

	/**
	 * JDBC sources.
	 *
	 * @param allowedHosts database hosts sources may connect to; empty allows any
	 * @param connectTimeout connection (and login) timeout
	 * @param socketTimeout longest wait for the next answer of the database
	 * @param fetchSize rows fetched per round trip (streamed: autocommit off)
	 * @param postgresCopy whether PostgreSQL tables are read with {@code COPY … TO STDOUT
	 * (FORMAT binary)} (streamed by the server, decoded without the driver's per-row
	 * work) rather than with a query
	 */
	public record Jdbc(@DefaultValue List<String> allowedHosts, @DefaultValue("10s") Duration connectTimeout,
			@DefaultValue("10m") Duration socketTimeout, @DefaultValue("5000") @Min(1) @Max(1_000_000) int fetchSize,
			@DefaultValue("true") boolean postgresCopy) {
	}

}
