package dev.corelake.sync.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

import dev.corelake.errors.CorelakeException;
import dev.corelake.sync.system.SourcePolicyProperties;
import dev.corelake.sync.system.SyncErrorCode;

/**
 * Allows JDBC URLs of the included drivers only, with only the settings that cannot turn
 * a connection into something else: PostgreSQL ({@code jdbc:postgresql://host[:port]/db})
 * without the settings that load classes or write files (socket factories, logger files,
 * …), and H2 over the network ({@code jdbc:h2:tcp://}, {@code jdbc:h2:ssl://}) or in
 * memory ({@code jdbc:h2:mem:}), never an embedded file database and never {@code INIT}
 * scripts. Hosts may be limited to an allowlist.
 *
 * @author Corelake
 */
public final class JdbcGuard {

	private static final Set<String> POSTGRES_SETTINGS = Set.of("ssl", "sslmode", "currentschema", "applicationname",
			"connecttimeout", "sockettimeout", "logintimeout", "readonly", "defaultrowfetchsize", "preparethreshold",
			"tcpkeepalive", "targetservertype", "stringtype", "options", "binarytransfer", "preferquerymode",
			"gssencmode");

	private static final Set<String> H2_SETTINGS = Set.of("mode", "database_to_lower", "database_to_upper",
			"case_insensitive_identifiers", "default_null_ordering", "ifexists", "db_close_delay", "access_mode_data");

	private final SourcePolicyProperties.Jdbc settings;

	/**
	 * Creates the guard.
	 * @param settings allowed hosts and timeouts
	 */
	public JdbcGuard(SourcePolicyProperties.Jdbc settings) {
		this.settings = settings;
	}

	/**
	 * Checks a JDBC URL.
	 * @param url the URL
	 * @throws CorelakeException {@code SOURCE_NOT_ALLOWED} when refused
	 */
	public void check(String url) {
		if (url == null || url.chars().anyMatch((c) -> c < 0x20 || c == 0x7f)) {
			throw refused("the URL is missing or contains control characters");
		}
		if (url.startsWith("jdbc:postgresql://")) {
			checkPostgres(url.substring("jdbc:postgresql://".length()));
		}
		else if (url.startsWith("jdbc:h2:tcp://") || url.startsWith("jdbc:h2:ssl://")) {
			String rest = url.substring("jdbc:h2:tcp://".length());
			int semicolon = rest.indexOf(';');
			String address = (semicolon < 0) ? rest : rest.substring(0, semicolon);
			int slash = address.indexOf('/');
			checkHosts((slash < 0) ? address : address.substring(0, slash));
			checkH2Settings((semicolon < 0) ? "" : rest.substring(semicolon + 1));
		}
		else if (url.startsWith("jdbc:h2:mem:")) {
			String rest = url.substring("jdbc:h2:mem:".length());
			int semicolon = rest.indexOf(';');
			String name = (semicolon < 0) ? rest : rest.substring(0, semicolon);
			if (!name.matches("[A-Za-z0-9_-]*")) {
				throw refused("an in-memory H2 database name may hold letters, digits, '_' and '-' only");
			}
			checkH2Settings((semicolon < 0) ? "" : rest.substring(semicolon + 1));
		}
		else {
			throw refused("only jdbc:postgresql://, jdbc:h2:tcp://, jdbc:h2:ssl:// and jdbc:h2:mem: URLs are allowed");
		}
	}

	/**
	 * Connection properties for a checked URL: the credentials and the timeouts.
	 * @param url the URL
	 * @param user the user, or {@code null}
	 * @param password the password, or {@code null}
	 * @return the properties
	 */
	public Properties connectionProperties(String url, String user, String password) {
		Properties properties = new Properties();
		if (user != null) {
			properties.setProperty("user", user);
		}
		if (password != null) {
			properties.setProperty("password", password);
		}
		if (url.startsWith("jdbc:postgresql:")) {
			properties.setProperty("connectTimeout", Long.toString(seconds(this.settings.connectTimeout())));
			properties.setProperty("loginTimeout", Long.toString(seconds(this.settings.connectTimeout())));
			properties.setProperty("socketTimeout", Long.toString(seconds(this.settings.socketTimeout())));
			properties.setProperty("ApplicationName", "corelake-data-sync");
			// results in PostgreSQL's binary format from the first execution, instead of
			// after five: numbers, dates and timestamps need no text formatting in the
			// server and no parsing here (see docs/benchmarks.md)
			properties.setProperty("prepareThreshold", "-1");
		}
		return properties;
	}

	private static long seconds(java.time.Duration duration) {
		return Math.max(1, duration.toSeconds());
	}

	private void checkPostgres(String rest) {
		int slash = rest.indexOf('/');
		if (slash < 0) {
			throw refused("a PostgreSQL URL needs a database: jdbc:postgresql://host[:port]/database");
		}
		checkHosts(rest.substring(0, slash));
		int question = rest.indexOf('?');
		if (question >= 0) {
			for (String pair : rest.substring(question + 1).split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				String key = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
				if (!POSTGRES_SETTINGS.contains(key)) {
					throw refused("the PostgreSQL setting '" + pair.split("=", 2)[0] + "' is not allowed");
				}
			}
		}
	}

	private static void checkH2Settings(String settings) {
		for (String pair : settings.split(";")) {
			if (pair.isBlank()) {
				continue;
			}
			String key = pair.split("=", 2)[0].trim().toLowerCase(Locale.ROOT);
			if (!H2_SETTINGS.contains(key)) {
				throw refused("the H2 setting '" + pair.split("=", 2)[0].trim() + "' is not allowed");
			}
		}
	}

	private void checkHosts(String hostList) {
		if (hostList.isEmpty()) {
			throw refused("the URL names no host");
		}
		List<String> hosts = new ArrayList<>();
		for (String hostAndPort : hostList.split(",")) {
			String host = hostAndPort.startsWith("[") ? hostAndPort.substring(0, hostAndPort.indexOf(']') + 1)
					: hostAndPort.split(":", 2)[0];
			if (!host.matches("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]")) {
				throw refused("'" + hostAndPort + "' is not a valid host");
			}
			hosts.add(host.toLowerCase(Locale.ROOT));
		}
		if (this.settings.allowedHosts().isEmpty()) {
			return;
		}
		for (String host : hosts) {
			if (this.settings.allowedHosts().stream().noneMatch((allowed) -> allowed.equalsIgnoreCase(host))) {
				throw refused("database host '" + host + "' is not on the allowlist "
						+ "(corelake.sync.sources.jdbc.allowed-hosts)");
			}
		}
	}

	private static CorelakeException refused(String detail) {
		return new CorelakeException(SyncErrorCode.SOURCE_NOT_ALLOWED, "JDBC source refused: " + detail + ".");
	}

}
