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
	 * Starts the service on its own.
	 * @param args command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(CatalogServiceApplication.class, args);
	}

}
