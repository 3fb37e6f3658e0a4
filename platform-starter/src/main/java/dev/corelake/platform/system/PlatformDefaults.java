package dev.corelake.platform.system;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the platform's defaults ({@code corelake-platform-defaults.properties}: management
 * port, probes, graceful shutdown, resilience4j defaults, strict JSON) as the
 * lowest-precedence property source, so that any service or deployment setting overrides
 * them.
 *
 * @author Corelake
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

	static final String NAME = "corelakePlatformDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(NAME)) {
			return;
		}
		try {
			ResourcePropertySource defaults = new ResourcePropertySource(NAME,
					new ClassPathResource("corelake-platform-defaults.properties", getClass().getClassLoader()));
			// Boot moves the application's defaultProperties (such as those of
			// SpringApplicationBuilder#properties) behind every other source once
			// post-processing is done, below these: leave out what they set
			if (environment.getPropertySources()
				.get(DefaultPropertiesPropertySource.NAME) instanceof EnumerablePropertySource<?> applicationDefaults) {
				for (String name : applicationDefaults.getPropertyNames()) {
					defaults.getSource().remove(name);
				}
			}
			environment.getPropertySources().addLast(defaults);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
