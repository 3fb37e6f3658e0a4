package dev.corelake.standalone;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.corelake.standalone.ResilienceMatrix.Fault;
import dev.corelake.standalone.ResilienceMatrix.Observation;
import dev.corelake.standalone.ResilienceMatrix.Operation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of the dependency-down matrix, fed with broken behaviour on purpose: a broken
 * error mapping, a broken timeout (too long, or a timeout budget that lets the gateway
 * time out before the service names its failed dependency), a problem not marked
 * retryable, and an unaffected operation slowed down or failing must each be caught; the
 * page's staleness check must ignore latencies and nothing else.
 *
 * @author Corelake
 */
class ResilienceMatrixTests {

	private static final Duration ROUTE = Duration.ofSeconds(2);

	private static final Operation SUBMIT = new Operation("submit a compute job", "POST /api/v1/compute/jobs",
			List.of("compute-service", "catalog-service"), 202, () -> null);

	private static final Operation LOGIN = new Operation("log in", "POST /api/v1/auth/token", List.of("auth-service"),
			200, () -> null);

	private static final Observation SUBMIT_BASELINE = new Observation(202, null, null, List.of(), 40);

	private static final Observation LOGIN_BASELINE = new Observation(200, null, null, List.of(), 3);

	@Test
	void dependentOperationAnsweringTheDocumentedProblemInTimePasses() {
		Observation seen = problem(503, "UPSTREAM_UNAVAILABLE", true, 600, "compute-service", "catalog-service");
		assertThat(ResilienceMatrix.check(SUBMIT, "catalog-service", Fault.STOPPED, seen, SUBMIT_BASELINE, ROUTE))
			.isEmpty();
	}

	@Test
	void brokenErrorMappingIsCaught() {
		Observation seen = problem(500, "INTERNAL_ERROR", false, 30, "compute-service");
		assertThat(ResilienceMatrix.check(SUBMIT, "catalog-service", Fault.GARBAGE, seen, SUBMIT_BASELINE, ROUTE))
			.anyMatch((wrong) -> wrong.contains("expected 502 UPSTREAM_BAD_RESPONSE, got 500 INTERNAL_ERROR"))
			.anyMatch((wrong) -> wrong.contains("retryable"))
			.anyMatch((wrong) -> wrong.contains("does not name catalog-service"));
	}

	@Test
	void brokenTimeoutIsCaught() {
		Observation late = problem(504, "UPSTREAM_TIMEOUT", true, 10_000, "gateway-service", "auth-service");
		assertThat(ResilienceMatrix.check(LOGIN, "auth-service", Fault.STALLED, late, LOGIN_BASELINE, ROUTE))
			.singleElement()
			.asString()
			.contains("answered after 10000 ms, beyond the route's timeout (2000 ms");
	}

	@Test
	void timeoutBudgetWhereTheGatewayGivesUpFirstIsCaught() {
		// compute-service retries its stalled call to catalog-service past the gateway's
		// route timeout: the caller learns that compute-service timed out, not why
		Observation seen = problem(504, "UPSTREAM_TIMEOUT", true, 2_010, "gateway-service", "compute-service");
		assertThat(ResilienceMatrix.check(SUBMIT, "catalog-service", Fault.STALLED, seen, SUBMIT_BASELINE, ROUTE))
			.singleElement()
			.asString()
			.contains("[gateway-service, compute-service] does not name catalog-service");
	}

	@Test
	void unaffectedOperationMustKeepItsStatusAndLatency() {
		Observation slow = new Observation(202, null, null, List.of(), 400);
		assertThat(ResilienceMatrix.check(SUBMIT, "auth-service", Fault.STOPPED, slow, SUBMIT_BASELINE, ROUTE))
			.singleElement()
			.asString()
			.contains("took 400 ms, more than 290 ms (baseline 40 ms)");
		Observation failing = problem(503, "UPSTREAM_UNAVAILABLE", true, 5, "gateway-service", "compute-service");
		assertThat(ResilienceMatrix.check(SUBMIT, "auth-service", Fault.STOPPED, failing, SUBMIT_BASELINE, ROUTE))
			.singleElement()
			.asString()
			.contains("does not depend on auth-service but answered 503 UPSTREAM_UNAVAILABLE instead of 202");
		// 3 ms → 12 ms is noise, inside the floor
		Observation tiny = new Observation(200, null, null, List.of(), 12);
		assertThat(ResilienceMatrix.check(LOGIN, "catalog-service", Fault.STALLED, tiny, LOGIN_BASELINE, ROUTE))
			.isEmpty();
		assertThat(ResilienceMatrix.allowedLatency(1000)).isEqualTo(2000);
		assertThat(ResilienceMatrix.allowedLatency(10)).isEqualTo(260);
	}

	@Test
	void observationReadsTheProblemAndItsUpstreamChain() {
		String body = "{\"type\":\"https://corelake.dev/docs/errors#upstream-unavailable\",\"status\":503,"
				+ "\"code\":\"UPSTREAM_UNAVAILABLE\",\"retryable\":true,\"service\":\"compute-service\","
				+ "\"upstream\":{\"service\":\"catalog-service\"}}";
		Observation seen = Observation.of(503, "application/problem+json", body, 12);
		assertThat(seen.code()).isEqualTo("UPSTREAM_UNAVAILABLE");
		assertThat(seen.retryable()).isTrue();
		assertThat(seen.chain()).containsExactly("compute-service", "catalog-service");
		assertThat(seen.outcome()).isEqualTo("**503** UPSTREAM_UNAVAILABLE, compute-service → catalog-service");
		assertThat(Observation.of(502, "text/html", "<html>", 3).code()).isNull();
		assertThat(Observation.of(502, "application/json", "not json", 3).chain()).isEmpty();
		assertThat(Observation.of(200, "application/json", "{}", 3).outcome()).isEqualTo("200");
	}

	@Test
	void stalenessIgnoresLatenciesAndTheHeaderButNotStatusesOrCodes() {
		List<Operation> operations = List.of(LOGIN, SUBMIT);
		Map<String, Observation> baselines = Map.of(LOGIN.name(), LOGIN_BASELINE, SUBMIT.name(), SUBMIT_BASELINE);
		String first = render(operations, baselines, 600, "_Measured today._");
		String second = render(operations, baselines, 35, "_Measured tomorrow on another machine._");
		assertThat(first).isNotEqualTo(second).contains("(600 ms)");
		assertThat(ResilienceMatrix.stablePart(first)).isEqualTo(ResilienceMatrix.stablePart(second))
			.contains("**503** UPSTREAM_UNAVAILABLE, compute-service → catalog-service")
			.doesNotContain("ms)");
		var cells = ResilienceMatrix.newCells();
		cells.put(Fault.STOPPED, Map.of(SUBMIT.name(),
				Map.of("catalog-service", problem(500, "INTERNAL_ERROR", false, 600, "compute-service"))));
		String broken = ResilienceMatrix.render(operations, List.of("catalog-service"), baselines, cells, Map.of(),
				"_x_");
		assertThat(ResilienceMatrix.stablePart(broken)).isNotEqualTo(ResilienceMatrix.stablePart(first));
	}

	@Test
	void generatedPartIsReplacedAndTheIntroductionKept() {
		String page = "# Resilience\n\nIntro.\n\n" + ResilienceMatrix.BEGIN + "\nold\n" + ResilienceMatrix.END
				+ "\n\n## After\n";
		String updated = ResilienceMatrix.replaceGenerated(page,
				ResilienceMatrix.BEGIN + "\nnew\n" + ResilienceMatrix.END);
		assertThat(updated).startsWith("# Resilience\n\nIntro.\n\n")
			.contains("\nnew\n")
			.doesNotContain("old")
			.endsWith("\n\n## After\n");
		assertThat(ResilienceMatrix.replaceGenerated("# R\n", ResilienceMatrix.BEGIN + "\nx\n" + ResilienceMatrix.END))
			.startsWith("# R\n\n" + ResilienceMatrix.BEGIN);
		assertThat(ResilienceMatrix.stablePart("no generated part")).isEmpty();
		assertThat(ResilienceMatrix.took(Duration.ofMillis(2450))).isEqualTo("(2.5 s)");
		assertThat(ResilienceMatrix.field("{\"id\":\"a-1\",\"n\":42}", "id")).isEqualTo("a-1");
		assertThat(ResilienceMatrix.field("{\"id\":\"a-1\",\"n\":42}", "n")).isEqualTo("42");
		assertThat(ResilienceMatrix.field("{}", "n")).isNull();
	}

	private static String render(List<Operation> operations, Map<String, Observation> baselines, long millis,
			String header) {
		var cells = ResilienceMatrix.newCells();
		cells.put(Fault.STOPPED, Map.of(SUBMIT.name(),
				Map.of("catalog-service",
						problem(503, "UPSTREAM_UNAVAILABLE", true, millis, "compute-service", "catalog-service")),
				LOGIN.name(), Map.of("catalog-service", new Observation(200, null, null, List.of(), millis))));
		return ResilienceMatrix.render(operations, List.of("catalog-service"), baselines, cells,
				Map.of(Fault.STOPPED, Map.of("catalog-service", "restarted (" + millis + " ms), all answered again")),
				header);
	}

	private static Observation problem(int status, String code, boolean retryable, long millis, String... chain) {
		return new Observation(status, code, retryable, List.of(chain), millis);
	}

}
