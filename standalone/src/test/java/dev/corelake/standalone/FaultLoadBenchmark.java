package dev.corelake.standalone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.corelake.standalone.FaultLoad.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load with faults ({@code bench/faults.sh}; not part of {@code mvn verify}): the whole
 * platform on random loopback ports, and {@link FaultLoad} through the gateway —
 * {@code corelake.bench.seconds} (60) of mixed reads and writes while
 * {@code corelake.bench.victim} (catalog-service) is stopped a quarter into the run and
 * started again half way, repeated {@code corelake.bench.repetitions} (3) times, with the
 * heap after a full collection after each repetition. Checks what the issue asks (errors
 * only on the operations that need the stopped service and none before or after, nothing
 * acknowledged lost, nothing duplicated) and writes {@code target/fault-load.md}.
 *
 * @author Corelake
 */
class FaultLoadBenchmark {

	private static final String ADMIN_PASSWORD = "fault-load-admin-Secret-1";

	@TempDir
	Path dataDir;

	@Test
	void loadWithAServiceStoppedAndRestarted() throws Exception {
		Duration duration = Duration.ofSeconds(Integer.getInteger("corelake.bench.seconds", 60));
		int repetitions = Integer.getInteger("corelake.bench.repetitions", 3);
		int workers = Integer.getInteger("corelake.bench.workers", 8);
		String victim = System.getProperty("corelake.bench.victim", "catalog-service");
		StringBuilder results = new StringBuilder();
		List<Long> heap = new ArrayList<>();
		try (PlatformLauncher.RunningPlatform platform = PlatformLauncher.start(this.dataDir, (service) -> 0,
				(service) -> 0,
				Map.of("corelake.auth.admin-password", ADMIN_PASSWORD,
						"corelake.gateway.rate-limits.groups.default.capacity", 10_000_000,
						"spring.lifecycle.timeout-per-shutdown-phase", "5s", "logging.level.root", "warn"))) {
			String gateway = platform.url("gateway-service");
			FaultLoad load = new FaultLoad(gateway, login(gateway), new ServiceControl(platform));
			heap.add(FaultLoad.heapAfterGc());
			for (int repetition = 1; repetition <= repetitions; repetition++) {
				// the breakers stay open 10 s (the platform's default): "after" begins 12
				// s
				// after the restart
				FaultLoad.Report report = load.run("r" + repetition, victim, duration, workers, Duration.ofSeconds(12));
				long used = FaultLoad.heapAfterGc();
				heap.add(used);
				results.append(String.format(Locale.ROOT, "%n### Repetition %d (heap after it: %d MiB)%n%n%s",
						repetition, used, report.markdown()));
				check(report, victim);
			}
		}
		String page = String.format(Locale.ROOT,
				"## Load with faults%n%nJDK %d, %d processors, %d clients, %d s per repetition; heap after a full "
						+ "collection, in MiB, before the first and after each repetition: %s%n%s",
				Runtime.version().feature(), Runtime.getRuntime().availableProcessors(), workers, duration.toSeconds(),
				heap, results);
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target", "fault-load.md"), page, StandardCharsets.UTF_8);
		System.out.println(page);
		// no growth across repetitions beyond noise: the last within 20 % (+ 64 MiB) of
		// the first
		assertThat(heap.get(heap.size() - 1)).as("heap after each repetition: %s", heap)
			.isLessThanOrEqualTo(heap.get(1) * 6 / 5 + 64);
	}

	/**
	 * What every run must show: errors only where the stopped service is needed, none
	 * before and none after, nothing lost, nothing duplicated.
	 * @param report the run
	 * @param victim the stopped service
	 */
	static void check(FaultLoad.Report report, String victim) {
		for (FaultLoad.Op op : FaultLoad.MIX) {
			assertThat(report.errors(op.name(), Phase.BEFORE)).as("%s before", op.name()).isZero();
			assertThat(report.errors(op.name(), Phase.AFTER)).as("%s after", op.name()).isZero();
			assertThat(report.total(op.name(), Phase.AFTER)).as("%s after", op.name()).isPositive();
			if (!op.service().equals(victim)) {
				assertThat(report.errors(op.name(), Phase.DURING))
					.as("%s during (%s)", op.name(), report.counts().get(op.name()))
					.isZero();
			}
		}
		assertThat(report.lost()).as("acknowledged writes lost").isZero();
		assertThat(report.duplicated()).as("writes duplicated").isZero();
	}

	private static String login(String gateway) throws Exception {
		HttpResponse<String> login = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/auth/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers
					.ofString("grant_type=password&username=admin&password=" + ADMIN_PASSWORD))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		return ResilienceMatrix.field(login.body(), "access_token");
	}

}
