package dev.corelake.sync;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * data-sync-service: sources, sync jobs and their runs, which pull JDBC tables and CSV /
 * JSON Lines files into the lake as Parquet dataset versions registered in the catalog.
 *
 * @author Corelake
 */
@SpringBootApplication
public class SyncServiceApplication {

	/**
	 * Name of this service's configuration file ({@code data-sync-service.yml}): every
	 * service names its own, so that all of them can share one class path in the
	 * all-in-one mode.
	 */
	public static final String CONFIG_NAME = "data-sync-service";

	/**
	 * Starts the service on its own.
	 * @param args command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SyncServiceApplication.class);
		// the configuration file is named after the service (see CONFIG_NAME)
		application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
		application.run(args);
	}

}
