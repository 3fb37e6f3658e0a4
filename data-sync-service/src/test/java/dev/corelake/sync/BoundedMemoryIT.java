package dev.corelake.sync;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.corelake.lake.Lake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Five million rows from PostgreSQL synced by the service running in its own JVM with a
 * 256 MB heap ({@code -Xmx256m}, exiting on the first {@code OutOfMemoryError}): the run
 * succeeds, its Parquet holds every row, and the heap's peak stays under the limit. The
 * rows come from a {@code generate_series} view, so they are produced while they are read
 * and the source holds nothing in memory either.
 *
 * @author Corelake
 */
class BoundedMemoryIT {

	private static final long ROWS = 5_000_000;

	@TempDir
	Path work;

	@Test
	void syncWhenFiveMillionRowsAndA256MegabyteHeapThenEveryRowArrivesWithoutRunningOutOfMemory() throws Exception {
		SyncFixtures fixtures = SyncFixtures.get();
		fixtures.sql("create or replace view five_million as select g as id, 'customer-' || (g % 1000) as customer, "
				+ "(g * 0.5)::numeric(14,1) as amount, timestamp '2026-01-01' + g * interval '1 second' as created_at "
				+ "from generate_series(1, " + ROWS + ") g");
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), ForkedSync.class.getName(),
				this.work.toString(), fixtures.catalog().url(), "jdbc", fixtures.postgresUrl(), "five_million"));
		long started = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> output = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				output.add(line);
			}
		}
		finally {
			if (!process.waitFor(15, TimeUnit.MINUTES)) {
				process.destroyForcibly();
			}
		}
		String result = output.stream().filter((line) -> line.startsWith("RESULT")).findFirst().orElse("");
		System.out.println(result + " (test took " + (System.nanoTime() - started) / 1_000_000_000 + " s)");
		assertThat(process.exitValue()).as(String.join(File.separator.equals("/") ? "\n" : "\r\n",
				output.subList(Math.max(0, output.size() - 40), output.size())))
			.isZero();
		Matcher matcher = Pattern.compile("rows=(\\d+) .* peakHeapMb=(\\d+) .* location=(\\S+)").matcher(result);
		assertThat(matcher.find()).as(result).isTrue();
		assertThat(Long.parseLong(matcher.group(1))).isEqualTo(ROWS);
		// no bound on peakHeapMb: it sums each heap pool's own peak, reached at different
		// times, so it can exceed -Xmx (262 MB was seen) while the heap never did. That
		// the
		// heap sufficed is proven by the exit code above: -XX:+ExitOnOutOfMemoryError
		// ends
		// the JVM with a non-zero code on the first OutOfMemoryError.
		assertThat(Long.parseLong(matcher.group(2))).isPositive();
		try (Lake lake = Lake.open(this.work.resolve("lake").toUri(), Map.of())) {
			assertThat(ParquetFiles.count(lake.fileSystem(), lake.resolve(URI.create(matcher.group(3)))))
				.as("rows in the Parquet footers")
				.isEqualTo(ROWS);
		}
		assertThat(Files.exists(this.work.resolve("lake/_staging/sync/1"))).isFalse();
	}

}
