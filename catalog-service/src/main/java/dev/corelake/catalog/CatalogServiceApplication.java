package dev.corelake.catalog;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * catalog-service: datasets, their immutable versions, schemas, tags and retention.
 *
 * @author Corelake
 */
@SpringBootApplication
public class CatalogServiceApplication {

	/**
	 * Name of this service's configuration file ({@code catalog-service.yml}): every
	 * service names its own, so that all of them can share one class path in the
	 * all-in-one mode.
	 */
	public static final String CONFIG_NAME = "catalog-service";

	/**
	 * Starts the service on its own.
	 * @param args command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(CatalogServiceApplication.class);
		// the configuration file is named after the service (see CONFIG_NAME)
		application.setDefaultProperties(java.util.Map.of("spring.config.name", CONFIG_NAME));
		application.run(args);
	}

}
