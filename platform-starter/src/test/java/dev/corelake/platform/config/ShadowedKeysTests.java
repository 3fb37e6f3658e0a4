package dev.corelake.platform.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shadowing follows relaxed binding: an environment variable in its upper-case form
 * shadows the dotted, kebab-case key.
 *
 * @author Corelake
 */
class ShadowedKeysTests {

	@Test
	void environmentVariableInRelaxedFormShadowsTheViewKey() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("CORELAKE_CATALOG_PAGESIZE", "5")));
		environment.getPropertySources()
			.addLast(new MapPropertySource("corelake-config:catalog-service/default",
					Map.of("corelake.catalog.page-size", "50", "corelake.catalog.mode", "fast", "A_B_C", "x")));
		assertThat(ShadowedKeys.find(environment, "corelake-config:catalog-service/default"))
			.containsExactly(new ShadowedKeys.Shadowed("corelake.catalog.page-size", "systemEnvironment"));
		assertThat(ShadowedKeys.find(environment, "absent")).isEmpty();
	}

}
