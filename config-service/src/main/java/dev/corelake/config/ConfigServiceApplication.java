package dev.corelake.config;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * config-service: namespaced, versioned configuration and small global state, pushed to
 * the services that watch it.
 *
 * @author Corelake
 */
@SpringBootApplication
public class ConfigServiceApplication {

	/**
	 * Name of this service's configuration file ({@code config-service.yml}): every
	 * service names its own, so that all of them can share one class path in the
	 * all-in-one mode.
	 */
	public static final String CONFIG_NAME = "config-service";

	/**
	 * Starts the service on its own.
	 * @param args command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(ConfigServiceApplication.class);
		// the configuration file is named after the service (see CONFIG_NAME)
		application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
		application.run(args);
	}

}
