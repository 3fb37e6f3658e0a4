package dev.corelake.platform.system;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link PlatformDefaults}: what an application with the starter gets, and that the
 * application's own settings win.
 */
class PlatformDefaultsTests {

	@Test
	void applicationWithTheStarterGetsThePlatformDefaults() {
		try (ConfigurableApplicationContext context = run(Map.of())) {
			Environment environment = context.getEnvironment();
			assertThat(environment.getProperty("management.server.port", Integer.class)).isEqualTo(9090);
			assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
			assertThat(
					environment.getProperty("spring.jackson.deserialization.fail-on-unknown-properties", Boolean.class))
				.isTrue();
			assertThat(environment.getProperty("resilience4j.retry.configs.default.retry-exception-predicate"))
				.isEqualTo("dev.corelake.platform.downstream.RetryablePredicate");
		}
	}

	@Test
	void applicationJsonMapperRejectsUnknownProperties() {
		try (ConfigurableApplicationContext context = run(Map.of())) {
			JsonMapper mapper = context.getBean(JsonMapper.class);
			assertThat(mapper.readValue("{\"name\":\"sales\"}", Named.class).name()).isEqualTo("sales");
			assertThatExceptionOfType(UnrecognizedPropertyException.class)
				.isThrownBy(() -> mapper.readValue("{\"name\":\"sales\",\"nmae\":\"typo\"}", Named.class));
		}
	}

	@Test
	void commandLinePropertiesOverrideThePlatformDefaults() {
		try (ConfigurableApplicationContext context = run(Map.of(), "--management.server.port=9191",
				"--server.shutdown=immediate")) {
			Environment environment = context.getEnvironment();
			assertThat(environment.getProperty("management.server.port", Integer.class)).isEqualTo(9191);
			assertThat(environment.getProperty("server.shutdown")).isEqualTo("immediate");
			assertThat(
					environment.getProperty("spring.jackson.deserialization.fail-on-unknown-properties", Boolean.class))
				.isTrue();
		}
	}

	@Test
	void applicationDefaultPropertiesOverrideThePlatformDefaults() {
		try (ConfigurableApplicationContext context = run(Map.of("management.server.port", "9191",
				"spring.jackson.deserialization.fail-on-unknown-properties", "false"))) {
			Environment environment = context.getEnvironment();
			assertThat(environment.getProperty("management.server.port", Integer.class)).isEqualTo(9191);
			assertThat(
					environment.getProperty("spring.jackson.deserialization.fail-on-unknown-properties", Boolean.class))
				.isFalse();
			assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
			JsonMapper mapper = context.getBean(JsonMapper.class);
			assertThat(mapper.readValue("{\"name\":\"sales\",\"extra\":1}", Named.class).name()).isEqualTo("sales");
		}
	}

	@Test
	void defaultsAreAddedOnceAndLast() {
		ConfigurableEnvironment environment = new StandardEnvironment();
		PlatformDefaults defaults = new PlatformDefaults();
		defaults.postProcessEnvironment(environment, new SpringApplication());
		defaults.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources()
			.stream()
			.filter((source) -> source.getName().equals(PlatformDefaults.NAME))).hasSize(1);
		assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
			.isEqualTo(PlatformDefaults.NAME);
		assertThat(environment.getProperty("management.server.port")).isEqualTo("9090");
	}

	private static ConfigurableApplicationContext run(Map<String, Object> defaultProperties, String... args) {
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setRegisterShutdownHook(false);
		application.setDefaultProperties(defaultProperties);
		return application.run(args);
	}

	record Named(String name) {
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(JacksonAutoConfiguration.class)
	static class TestApplication {

	}

}
