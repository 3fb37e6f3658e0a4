package dev.corelake.standalone;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./corelake demo} as the script runs it: nothing answers on the gateway's port,
 * so it boots the whole platform (random ports, a fresh data directory) and runs the
 * journey through the gateway; every step passes and the exit status is 0. The model
 * steps may be skipped only while ai-model-service is not part of the platform; once the
 * launcher starts it, they must pass too.
 *
 * @author Corelake
 */
class DemoIT {

	private static final String ADMIN_PASSWORD = "demo-it-admin-Secret-1";

	private static final List<String> MODEL_STEPS = List.of("train a model", "promote it to champion", "predict");

	@TempDir
	Path dataDir;

	@Test
	void demoBootsThePlatformAndEveryStepOfTheJourneyPasses() {
		Map<String, String> environment = new HashMap<>();
		environment.put("CORELAKE_DATA_DIR", this.dataDir.toString());
		environment.put("CORELAKE_SAMPLES_DIR", Path.of("..", "samples").toString());
		environment.put("CORELAKE_ADMIN_PASSWORD", ADMIN_PASSWORD);
		// random ports; nothing answers on port 0, so the demo boots its own platform
		for (ServiceDefinition service : PlatformLauncher.SERVICES) {
			environment.put(service.portVariable(), "0");
			environment.put(service.managementPortVariable(), "0");
		}
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		Demo.Result result;
		try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
			result = Demo.execute(environment, out);
		}
		String transcript = printed.toString(StandardCharsets.UTF_8);
		System.out.println(transcript);
		assertThat(result.exitStatus()).as(transcript).isZero();
		List<DemoJourney.Step> steps = result.steps();
		boolean modelService = PlatformLauncher.SERVICES.stream()
			.anyMatch((service) -> service.name().equals("ai-model-service"));
		for (DemoJourney.Step step : steps) {
			if (MODEL_STEPS.contains(step.name()) && !modelService) {
				// SKIPPED until ai-model-service is merged: then this branch is dead
				assertThat(step.outcome()).as(step.name() + ": " + step.detail())
					.isIn(DemoJourney.Outcome.PASSED, DemoJourney.Outcome.SKIPPED);
			}
			else {
				assertThat(step.outcome()).as(step.name() + ": " + step.detail()).isEqualTo(DemoJourney.Outcome.PASSED);
			}
		}
		assertThat(steps).extracting(DemoJourney.Step::name)
			.containsExactly("log in", "read a setting", "change a setting", "sync the sample dataset",
					"see it in the catalog", "run an aggregation", "train a model", "promote it to champion", "predict",
					"show lineage from source to model");
		assertThat(transcript).contains(
				"$ curl -s -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' -d '{\"name\":\"customers-csv\"")
			.contains("   → 202 ")
			.contains("1000 rows into customers@1")
			.contains("customers-csv → customers@1 → churn_by_contract")
			.contains(" passed, ");
	}

}
