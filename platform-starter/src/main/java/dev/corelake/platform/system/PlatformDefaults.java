package dev.corelake.platform.system;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
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
			environment.getPropertySources()
				.addLast(new ResourcePropertySource(NAME,
						new ClassPathResource("corelake-platform-defaults.properties", getClass().getClassLoader())));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
