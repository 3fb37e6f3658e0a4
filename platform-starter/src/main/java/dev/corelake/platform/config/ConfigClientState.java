package dev.corelake.platform.config;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the service's configuration came from and what happened to the latest pushes:
 * shown in health and the {@code configclient} actuator endpoint.
 *
 * @author Corelake
 */
public class ConfigClientState {

	private final ConfigClientSettings settings;

	private Source source;

	private long appliedRevision;

	private long seenRevision;

	private String lastError;

	private Instant lastContact;

	private String rejected;

	ConfigClientState(ConfigClientSettings settings, Source source, long revision, String lastError) {
		this.settings = settings;
		this.source = source;
		this.appliedRevision = revision;
		this.seenRevision = revision;
		this.lastError = lastError;
		this.lastContact = (source == Source.SERVER) ? Instant.now() : null;
	}

	ConfigClientSettings settings() {
		return this.settings;
	}

	/**
	 * Where the configuration in use came from.
	 * @return the source
	 */
	public synchronized Source source() {
		return this.source;
	}

	/**
	 * The revision of the view in use.
	 * @return the revision
	 */
	public synchronized long appliedRevision() {
		return this.appliedRevision;
	}

	synchronized long seenRevision() {
		return this.seenRevision;
	}

	/**
	 * Whether the service runs on a cached or no view, or lost contact with
	 * config-service.
	 * @return {@code true} when degraded
	 */
	public synchronized boolean degraded() {
		return this.source != Source.SERVER || this.lastError != null;
	}

	synchronized void reachable() {
		this.lastError = null;
		this.lastContact = Instant.now();
	}

	synchronized void unreachable(String error) {
		this.lastError = error;
	}

	synchronized void applied(long revision) {
		this.source = Source.SERVER;
		this.appliedRevision = revision;
		this.seenRevision = revision;
		this.rejected = null;
		reachable();
	}

	synchronized void rejected(long revision, String reason) {
		this.seenRevision = revision;
		this.rejected = "revision " + revision + ": " + reason;
		reachable();
	}

	/**
	 * The last pushed view this service refused, and why.
	 * @return the reason, or {@code null}
	 */
	public synchronized String rejected() {
		return this.rejected;
	}

	synchronized Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("uri", this.settings.uri().toString());
		details.put("namespace", this.settings.namespace());
		details.put("profile", this.settings.profile());
		details.put("source", this.source.name());
		details.put("revision", this.appliedRevision);
		if (this.lastContact != null) {
			details.put("lastContact", this.lastContact.toString());
		}
		if (this.lastError != null) {
			details.put("error", this.lastError);
		}
		if (this.rejected != null) {
			details.put("rejected", this.rejected);
		}
		return details;
	}

	/** Where a configuration came from. */
	public enum Source {

		/** Read from config-service. */
		SERVER,

		/** Read from the local cache file because config-service did not answer. */
		CACHE,

		/** Neither: the import was optional and the service runs on local defaults. */
		NONE

	}

}
