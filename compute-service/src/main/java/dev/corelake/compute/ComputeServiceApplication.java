package dev.corelake.compute;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * compute-service: Spark SQL and profile jobs over catalog datasets, run in this JVM
 * ({@code local[N]}) or as Kubernetes Jobs. Started with
 * {@code --corelake.compute.worker.job-id=<id>} it is the entry point of such a job's
 * pod: it runs that one job and exits (see {@code docs/compute.md}).
 *
 * @author Corelake
 */
@SpringBootApplication
public class ComputeServiceApplication {

	/**
	 * Name of this service's configuration file ({@code compute-service.yml}): every
	 * service names its own, so that all of them can share one class path in the
	 * all-in-one mode.
	 */
	public static final String CONFIG_NAME = "compute-service";

	/**
	 * Starts the service, or runs one job when a worker job id is given.
	 * @param args command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(ComputeServiceApplication.class);
		application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
		if (isWorker(args)) {
			// a job pod serves no HTTP: it runs its job, then exits with the job's
			// outcome
			application.setWebApplicationType(org.springframework.boot.WebApplicationType.NONE);
			System.exit(SpringApplication.exit(application.run(args)));
		}
		application.run(args);
	}

	static boolean isWorker(String[] args) {
		for (String arg : args) {
			if (arg.startsWith("--corelake.compute.worker.job-id=")) {
				return true;
			}
		}
		return System.getenv("CORELAKE_COMPUTE_WORKER_JOB_ID") != null;
	}

}
