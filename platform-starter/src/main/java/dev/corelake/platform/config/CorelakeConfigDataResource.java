package dev.corelake.platform.config;

import java.util.Objects;

import org.springframework.boot.context.config.ConfigDataResource;

/**
 * One view on config-service, as named by a {@code corelake-config:} import.
 *
 * @author Corelake
 */
class CorelakeConfigDataResource extends ConfigDataResource {

	private final ConfigClientSettings settings;

	private final boolean optional;

	CorelakeConfigDataResource(ConfigClientSettings settings, boolean optional) {
		super(optional);
		this.settings = settings;
		this.optional = optional;
	}

	boolean optional() {
		return this.optional;
	}

	ConfigClientSettings settings() {
		return this.settings;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CorelakeConfigDataResource that && this.settings.equals(that.settings);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.settings);
	}

	@Override
	public String toString() {
		return "corelake-config:" + this.settings.uri() + " (" + this.settings.namespace() + "/"
				+ this.settings.profile() + ")";
	}

}
