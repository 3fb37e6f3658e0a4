package dev.corelake.auth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * auth-service: users, roles, API clients, signing keys, refresh tokens and revocation;
 * issues the RS256 access tokens every other service validates.
 *
 * @author Corelake
 */
@SpringBootApplication
public class AuthServiceApplication {

	/**
	 * Name of this service's configuration file ({@code auth-service.yml}): every service
	 * names its own, so that all of them can share one class path in the all-in-one mode.
	 */
	public static final String CONFIG_NAME = "auth-service";

	/**
	 * Starts the service on its own.
	 * @param args command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(AuthServiceApplication.class);
		// the configuration file is named after the service (see CONFIG_NAME)
		application.setDefaultProperties(java.util.Map.of("spring.config.name", CONFIG_NAME));
		application.run(args);
	}

}
