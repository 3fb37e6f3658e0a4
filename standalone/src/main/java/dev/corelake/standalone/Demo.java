package dev.corelake.standalone;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.FileSystemUtils;

/**
 * {@code ./corelake demo}: runs the user journey ({@link DemoJourney}) against the
 * platform at {@code CORELAKE_GATEWAY_URL}, or one already answering on the gateway's
 * port, or — when none answers — a platform it boots for the occasion (in a fresh
 * temporary data directory unless {@code CORELAKE_DATA_DIR} is set, with the services'
 * logs quieted) and stops afterwards. Ends with a report; the exit status is 0 when no
 * step failed.
 * <p>
 * Environment: {@code CORELAKE_GATEWAY_URL}, {@code CORELAKE_ADMIN_PASSWORD} (needed for
 * a running platform; generated for a booted one when unset), {@code CORELAKE_DATA_DIR}
 * (where the platform's inbox is), {@code CORELAKE_SAMPLES_DIR} (default
 * {@code samples}), the usual {@code CORELAKE_<SERVICE>_PORT}s.
 *
 * @author Corelake
 */
public final class Demo {

	private Demo() {
	}

	/**
	 * Runs the demo.
	 * @param environment the environment variables
	 * @param out where to print
	 * @return the exit status: 0 when every step passed or was skipped, 1 when one
	 * failed, 2 when the demo could not start
	 */
	public static int run(Map<String, String> environment, PrintStream out) {
		return execute(environment, out).exitStatus();
	}

	/**
	 * Runs the demo.
	 * @param environment the environment variables
	 * @param out where to print
	 * @return the exit status and the steps
	 */
	static Result execute(Map<String, String> environment, PrintStream out) {
		Path samples = Path.of(value(environment, "CORELAKE_SAMPLES_DIR", "samples"));
		if (!Files.isRegularFile(samples.resolve(DemoJourney.SAMPLE))) {
			out.println("corelake demo: no " + DemoJourney.SAMPLE + " in " + samples.toAbsolutePath()
					+ " (set CORELAKE_SAMPLES_DIR)");
			return Result.NOT_STARTED;
		}
		String gateway = environment.get("CORELAKE_GATEWAY_URL");
		String local = "http://localhost:" + value(environment, "CORELAKE_GATEWAY_PORT", "8080");
		if (gateway == null && answers(local)) {
			gateway = local;
		}
		String password = environment.get("CORELAKE_ADMIN_PASSWORD");
		if (gateway != null) {
			if (password == null || password.isBlank()) {
				out.println("corelake demo: a platform answers at " + gateway
						+ "; set CORELAKE_ADMIN_PASSWORD to its admin's password");
				return Result.NOT_STARTED;
			}
			out.println("Using the platform at " + gateway);
			Path inbox = Path.of(value(environment, "CORELAKE_DATA_DIR", "data")).resolve("inbox");
			return journey(gateway, password, samples, inbox, out);
		}
		return bootAndRun(environment, samples, (password != null && !password.isBlank()) ? password : null, out);
	}

	private static Result bootAndRun(Map<String, String> environment, Path samples, String givenPassword,
			PrintStream out) {
		Path dataDir;
		boolean temporary = environment.get("CORELAKE_DATA_DIR") == null;
		try {
			dataDir = temporary ? Files.createTempDirectory("corelake-demo-")
					: Path.of(environment.get("CORELAKE_DATA_DIR"));
		}
		catch (IOException ex) {
			out.println("corelake demo: cannot create a data directory: " + ex.getMessage());
			return Result.NOT_STARTED;
		}
		String password = (givenPassword != null) ? givenPassword : PlatformLauncher.newSecret();
		Map<String, String> variables = new HashMap<>(environment);
		variables.put("CORELAKE_DATA_DIR", dataDir.toString());
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("corelake.auth.admin-password", password);
		// the journey's output is the point here: the services log errors only (a 404
		// the demo expects is a warning in a service's log)
		properties.put("logging.level.root", "error");
		properties.put("logging.level.dev.corelake", "error");
		out.println("Booting Corelake for the demo (data in " + dataDir.toAbsolutePath() + ") …");
		long start = System.nanoTime();
		try (PlatformLauncher.RunningPlatform platform = CorelakeStandalone.boot(variables, properties)) {
			out.printf("Corelake is up in %d s.%n", (System.nanoTime() - start) / 1_000_000_000);
			if (givenPassword == null) {
				out.println("(admin password for this run: CORELAKE_ADMIN_PASSWORD=" + password + ")");
			}
			return journey(platform.url(PlatformLauncher.GATEWAY), password, samples, dataDir.resolve("inbox"), out);
		}
		catch (RuntimeException ex) {
			out.println("corelake demo: the platform did not start: " + ex.getMessage());
			return Result.NOT_STARTED;
		}
		finally {
			if (temporary) {
				FileSystemUtils.deleteRecursively(dataDir.toFile());
			}
		}
	}

	private static Result journey(String gateway, String password, Path samples, Path inbox, PrintStream out) {
		List<DemoJourney.Step> steps = new DemoJourney(gateway, "admin", password, samples, inbox, out,
				Duration.ofMinutes(5))
			.run();
		out.print(DemoJourney.report(steps));
		return new Result(steps.stream().anyMatch((step) -> step.outcome() == DemoJourney.Outcome.FAILED) ? 1 : 0,
				steps);
	}

	/**
	 * How the demo ended.
	 *
	 * @param exitStatus 0 when no step failed, 1 when one did, 2 when the journey could
	 * not start
	 * @param steps the steps that ran
	 */
	record Result(int exitStatus, List<DemoJourney.Step> steps) {

		static final Result NOT_STARTED = new Result(2, List.of());

	}

	/**
	 * Whether a gateway answers its platform health at this URL.
	 * @param gateway the gateway's base URL
	 * @return {@code true} when it does
	 */
	static boolean answers(String gateway) {
		try {
			HttpResponse<Void> health = HttpClient.newBuilder()
				.connectTimeout(Duration.ofSeconds(2))
				.build()
				.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/platform/health"))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.discarding());
			return health.statusCode() == 200;
		}
		catch (IOException | IllegalArgumentException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static String value(Map<String, String> environment, String name, String fallback) {
		String value = environment.get(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
