package dev.corelake.standalone;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.corelake.gateway.test.StubUpstream;
import dev.corelake.gateway.test.StubUpstream.Behaviour;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./corelake demo} without a platform behind it: what it needs before it starts,
 * how a failing step ends the journey (exit status 1, the rest not run), the report.
 *
 * @author Corelake
 */
class DemoTests {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	private final PrintStream out = new PrintStream(this.printed, true, StandardCharsets.UTF_8);

	@Test
	void withoutTheSampleTheDemoDoesNotStart() {
		assertThat(Demo.run(Map.of("CORELAKE_SAMPLES_DIR", this.dir.toString()), this.out)).isEqualTo(2);
		assertThat(printed()).contains("no customers.csv in").contains("CORELAKE_SAMPLES_DIR");
	}

	@Test
	void runningPlatformWithoutAPasswordIsExplained() throws Exception {
		Files.writeString(this.dir.resolve(DemoJourney.SAMPLE), "customer_id\n1\n");
		try (StubUpstream gateway = StubUpstream.start()) {
			assertThat(Demo.answers(gateway.url())).isTrue();
			assertThat(
					Demo.run(Map.of("CORELAKE_SAMPLES_DIR", this.dir.toString(), "CORELAKE_GATEWAY_URL", gateway.url()),
							this.out))
				.isEqualTo(2);
		}
		assertThat(printed()).contains("set CORELAKE_ADMIN_PASSWORD");
		assertThat(Demo.answers(StubUpstream.refusingUrl())).isFalse();
	}

	@Test
	void failedLoginFailsTheJourneyAndSkipsTheRest() throws Exception {
		Files.writeString(this.dir.resolve(DemoJourney.SAMPLE), "customer_id\n1\n");
		try (StubUpstream gateway = StubUpstream.start()) {
			gateway.answer(Behaviour.problem(400, "OAUTH_INVALID_GRANT"));
			Demo.Result result = Demo
				.execute(
						Map.of("CORELAKE_SAMPLES_DIR", this.dir.toString(), "CORELAKE_GATEWAY_URL", gateway.url(),
								"CORELAKE_ADMIN_PASSWORD", "wrong", "CORELAKE_DATA_DIR", this.dir.toString()),
						this.out);
			assertThat(result.exitStatus()).isEqualTo(1);
			assertThat(result.steps()).hasSize(10);
			assertThat(result.steps().get(0).outcome()).isEqualTo(DemoJourney.Outcome.FAILED);
			assertThat(result.steps().get(0).detail()).contains("answered 400");
			assertThat(result.steps().subList(1, 10))
				.allSatisfy((step) -> assertThat(step.outcome()).isEqualTo(DemoJourney.Outcome.SKIPPED));
		}
		assertThat(printed()).contains("$ TOKEN=$(curl -s -d grant_type=password -d username=admin")
			.contains("   → 400 ")
			.contains("0 passed, 9 skipped, 1 failed");
	}

	@Test
	void answerOfTheWrongKindFailsItsStep() throws Exception {
		Files.writeString(this.dir.resolve(DemoJourney.SAMPLE), "customer_id\n1\n");
		// a gateway that answers 200 {…} to everything: the login passes, the settings
		// come without their revision (ETag), and the journey stops there
		try (StubUpstream gateway = StubUpstream.start()) {
			gateway.answer(Behaviour.json(200, "{\"access_token\":\"t\",\"expires_in\":600}"));
			List<DemoJourney.Step> steps = new DemoJourney(gateway.url(), "admin", "x", this.dir,
					this.dir.resolve("inbox"), this.out, Duration.ofSeconds(5))
				.run();
			assertThat(steps.get(0).outcome()).isEqualTo(DemoJourney.Outcome.PASSED);
			assertThat(steps.get(0).detail()).isEqualTo("bearer token for admin, expires in 600 s");
			assertThat(steps.get(1).outcome()).isEqualTo(DemoJourney.Outcome.FAILED);
			assertThat(steps.get(1).detail()).contains("without an ETag");
			assertThat(gateway.lastHeader("Authorization")).containsExactly("Bearer t");
		}
	}

	@Test
	void reportListsEveryStep() {
		String report = DemoJourney.report(List.of(new DemoJourney.Step("log in", DemoJourney.Outcome.PASSED, "ok", 12),
				new DemoJourney.Step("train a model", DemoJourney.Outcome.SKIPPED, "ai-model-service absent", 3)));
		assertThat(report).contains("log in")
			.contains("PASSED")
			.contains("SKIPPED")
			.contains("1 passed, 1 skipped, 0 failed");
		assertThat(DemoJourney.abbreviate("x".repeat(400), 10)).isEqualTo("xxxxxxxxxx…");
		assertThat(DemoJourney.get(DemoJourney.json("{\"a\":{\"b\":3}}"), "a.b")).isEqualTo(3);
		assertThat(DemoJourney.get(DemoJourney.json("not json"), "a.b")).isNull();
	}

	private String printed() {
		return this.printed.toString(StandardCharsets.UTF_8);
	}

}
