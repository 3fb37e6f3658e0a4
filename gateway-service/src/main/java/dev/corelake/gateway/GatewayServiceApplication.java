package dev.corelake.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * gateway-service: the one front door of the platform. Routes by resource prefix to each
 * service, checks tokens, CORS and rate limits at the edge, guards every upstream with
 * its own timeouts, circuit breaker, retry and bulkhead, and serves the platform's health
 * and API explorer.
 *
 * @author Corelake
 */
@SpringBootApplication(excludeName = {
		// the gateway keeps no data; in the all-in-one mode the class path also carries
		// the other services' persistence, which must not start here
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
		"org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration" })
public class GatewayServiceApplication {

	/**
	 * Name of this service's configuration file ({@code gateway-service.yml}): every
	 * service names its own, so that all of them can share one class path in the
	 * all-in-one mode.
	 */
	public static final String CONFIG_NAME = "gateway-service";

	/**
	 * Starts the service on its own.
	 * @param args command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(GatewayServiceApplication.class);
		// the configuration file is named after the service (see CONFIG_NAME)
		application.setDefaultProperties(java.util.Map.of("spring.config.name", CONFIG_NAME));
		application.run(args);
	}

}
