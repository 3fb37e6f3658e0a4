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

	/**
	 * The import switched off with {@code corelake.config.client.enabled=false}.
	 * @param optional whether the import is optional
	 * @return a resource that loads nothing
	 */
	static CorelakeConfigDataResource disabled(boolean optional) {
		return new CorelakeConfigDataResource(null, optional);
	}

	/**
	 * Whether the import is switched off.
	 * @return {@code true} when it loads nothing
	 */
	boolean disabled() {
		return this.settings == null;
	}

	boolean optional() {
		return this.optional;
	}

	ConfigClientSettings settings() {
		return this.settings;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CorelakeConfigDataResource that && Objects.equals(this.settings, that.settings);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.settings);
	}

	@Override
	public String toString() {
		if (this.settings == null) {
			return "corelake-config: (disabled)";
		}
		return "corelake-config:" + this.settings.uri() + " (" + this.settings.namespace() + "/"
				+ this.settings.profile() + ")";
	}

}
