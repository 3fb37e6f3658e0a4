package dev.corelake.platform.config;

import java.util.List;

import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;

/**
 * Resolves {@code spring.config.import=corelake-config:[<config-service URL>]} (and its
 * {@code optional:} form) from the importing environment's settings. With
 * {@code corelake.config.client.enabled=false} (tests) the import resolves to a view that
 * loads nothing: no call, no cache, no watcher.
 *
 * @author Corelake
 */
public class CorelakeConfigDataLocationResolver implements ConfigDataLocationResolver<CorelakeConfigDataResource> {

	static final String PREFIX = "corelake-config:";

	@Override
	public boolean isResolvable(ConfigDataLocationResolverContext context, ConfigDataLocation location) {
		return location.hasPrefix(PREFIX);
	}

	@Override
	public List<CorelakeConfigDataResource> resolve(ConfigDataLocationResolverContext context,
			ConfigDataLocation location) {
		if (!context.getBinder().bind(ConfigClientSettings.PREFIX + "enabled", Boolean.class).orElse(true)) {
			return List.of(CorelakeConfigDataResource.disabled(location.isOptional()));
		}
		String address = location.getNonPrefixedValue(PREFIX);
		return List.of(new CorelakeConfigDataResource(ConfigClientSettings.from(context.getBinder(), address),
				location.isOptional()));
	}

}
