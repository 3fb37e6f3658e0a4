package dev.corelake.model;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * ai-model-service: the model registry (models, versions, training runs, aliases) and
 * online predictions with Spark MLlib. Training and batch prediction run as
 * compute-service jobs (see {@code docs/models.md}).
 *
 * @author Corelake
 */
@SpringBootApplication
public class AiModelServiceApplication {

	/**
	 * Name of this service's configuration file ({@code ai-model-service.yml}): every
	 * service names its own, so that all of them can share one class path in the
	 * all-in-one mode.
	 */
	public static final String CONFIG_NAME = "ai-model-service";

	/**
	 * Starts the service.
	 * @param args command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(AiModelServiceApplication.class);
		application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
		application.run(args);
	}

}
