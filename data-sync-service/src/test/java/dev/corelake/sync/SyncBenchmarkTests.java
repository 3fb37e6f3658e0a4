package dev.corelake.sync;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync benchmark (not part of the build: run it with {@code -Dcorelake.bench=true},
 * see {@code bench/sync-bench.sh}). Each measurement is a JVM of its own with the same
 * flags ({@code -Xmx256m}), interleaved over several rounds, medians reported:
 * <ul>
 * <li>JDBC → Parquet through the service, against a plain JDBC read loop over the same
 * table (same fetch size, every column read);</li>
 * <li>CSV → Parquet through the service, against a plain copy of the file into the same
 * lake through the same file system API.</li>
 * </ul>
 * Rows/s, MB/s (of source bytes: the values' sizes for JDBC, the file's size for CSV),
 * peak heap and peak RSS of each JVM. The result goes to
 * {@code target/sync-benchmark.md}.
 *
 * @author Corelake
 */
@EnabledIfSystemProperty(named = "corelake.bench", matches = "true")
class SyncBenchmarkTests {

	private static final Pattern RESULT = Pattern.compile(
			"RESULT state=(\\S+) rows=(\\d+) bytesRead=(\\d+) bytesWritten=\\d+ seconds=([0-9.]+) peakHeapMb=(\\d+) peakRssMb=(-?\\d+)");

	private static final Pattern CPU = Pattern.compile("cpuSeconds=([0-9.]+)");

	private static final Pattern READ = Pattern.compile("Read \\d+ records in ([0-9.]+) s");

	@TempDir
	Path work;

	@Test
	void benchmark() throws Exception {
		long rows = Long.getLong("corelake.bench.rows", 2_000_000);
		int rounds = Integer.getInteger("corelake.bench.rounds", 3);
		List<String> modes = List.of(System
			.getProperty("corelake.bench.modes", "jdbc-loop,jdbc-loop-ordered,jdbc-loop-binary,pg-copy,jdbc,copy,csv")
			.split(","));
		SyncFixtures fixtures = SyncFixtures.get();
		fixtures.sql("drop table if exists bench_orders",
				"create table bench_orders as select g as id, 'customer-' || (g % 1000) as customer, "
						+ "(g * 0.5)::numeric(14,1) as amount, timestamp '2026-01-01' + g * interval '1 second' as created_at, "
						+ "g % 7 as qty from generate_series(1, " + rows + ") g",
				"alter table bench_orders add primary key (id)", "vacuum analyze bench_orders");
		Path csv = this.work.resolve("bench.csv");
		try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
			out.write("id,customer,amount,created_at,qty\n");
			for (long g = 1; g <= rows; g++) {
				out.write(g + ",customer-" + (g % 1000) + "," + (g / 2) + "." + ((g % 2 == 0) ? "0" : "5")
						+ ",2026-01-01T00:00:00," + (g % 7) + "\n");
			}
		}
		Map<String, List<double[]>> results = new LinkedHashMap<>();
		for (int round = 0; round < rounds; round++) {
			if (modes.contains("jdbc-loop")) {
				measure(results, "jdbc read loop (baseline)", "jdbc-loop", fixtures.postgresUrl(), "bench_orders",
						null);
			}
			if (modes.contains("jdbc-loop-ordered")) {
				measure(results, "jdbc read loop, ordered by key (baseline)", "jdbc-loop-ordered",
						fixtures.postgresUrl(), "bench_orders", null);
			}
			if (modes.contains("jdbc-loop-binary")) {
				measure(results, "jdbc read loop, binary results (baseline)", "jdbc-loop-binary",
						fixtures.postgresUrl(), "bench_orders", null);
			}
			if (modes.contains("pg-copy")) {
				measure(results, "PostgreSQL COPY ordered by key, bytes only (baseline)", "pg-copy",
						fixtures.postgresUrl(), "bench_orders", null);
			}
			if (modes.contains("jdbc")) {
				measure(results, "jdbc -> parquet (sync)", "jdbc", fixtures.postgresUrl(), "bench_orders", null);
			}
			if (modes.contains("copy")) {
				measure(results, "file copy into the lake (baseline)", "copy", "bench.csv", null, csv);
			}
			if (modes.contains("csv")) {
				measure(results, "csv -> parquet (sync)", "csv", "bench.csv", null, csv);
			}
		}
		StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
				"%d rows, %d rounds, medians; each a JVM of its own with -Xmx256m, measured after %d unmeasured "
						+ "pass(es) of the same work in that JVM; %s %s%n%n",
				rows, rounds, Integer.getInteger("corelake.bench.warmup", 1), System.getProperty("java.vm.name"),
				System.getProperty("java.version")));
		report.append(
				"| What | rows/s end to end | rows/s pulling | MB/s end to end | seconds | JVM CPU s | peak heap MB | peak RSS MB |\n"
						+ "|---|---|---|---|---|---|---|---|\n");
		Map<String, double[]> medians = new LinkedHashMap<>();
		results.forEach((name, samples) -> {
			double[] median = new double[7];
			for (int i = 0; i < 7; i++) {
				final int column = i;
				median[i] = samples.stream().mapToDouble((sample) -> sample[column]).sorted().toArray()[samples.size()
						/ 2];
			}
			medians.put(name, median);
			report.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.1f | %.2f | %.2f | %.0f | %.0f |%n", name,
					median[0], median[5], median[1], median[2], median[6], median[3], median[4]));
		});
		if (medians.containsKey("jdbc -> parquet (sync)") && medians.containsKey("jdbc read loop (baseline)")
				&& medians.containsKey("csv -> parquet (sync)")) {
			double jdbcRatio = medians.get("jdbc -> parquet (sync)")[0] / medians.get("jdbc read loop (baseline)")[0];
			double csvRatio = medians.get("csv -> parquet (sync)")[1]
					/ medians.get("file copy into the lake (baseline)")[1];
			double pullRatio = medians.get("jdbc -> parquet (sync)")[5] / medians.get("jdbc read loop (baseline)")[0];
			report.append(
					String.format(Locale.ROOT,
							"%nJDBC sync / read loop (rows/s): %.2f end to end, %.2f while pulling; "
									+ "CSV sync / file copy (MB/s): %.2f end to end%n",
							jdbcRatio, pullRatio, csvRatio));
			report.append(String.format(Locale.ROOT,
					"JVM CPU seconds, sync / read loop: %.2f (JDBC; the database server's CPU not counted)%n",
					medians.get("jdbc -> parquet (sync)")[6] / medians.get("jdbc read loop (baseline)")[6]));
			if (medians.containsKey("PostgreSQL COPY ordered by key, bytes only (baseline)")) {
				report.append(String.format(Locale.ROOT,
						"JDBC sync / PostgreSQL COPY of the same rows, bytes only (rows/s): %.2f end to end%n",
						medians.get("jdbc -> parquet (sync)")[0]
								/ medians.get("PostgreSQL COPY ordered by key, bytes only (baseline)")[0]));
			}
			if (medians.containsKey("jdbc read loop, binary results (baseline)")) {
				report.append(String.format(Locale.ROOT,
						"JDBC sync / read loop with binary results (rows/s): %.2f end to end%n",
						medians.get("jdbc -> parquet (sync)")[0]
								/ medians.get("jdbc read loop, binary results (baseline)")[0]));
			}
		}
		Path out = Path.of("target", "sync-benchmark.md");
		Files.writeString(out, report.toString());
		System.out.println(report);
		assertThat(medians).isNotEmpty();
	}

	private void measure(Map<String, List<double[]>> results, String name, String mode, String arg3, String arg4,
			Path csv) throws Exception {
		Path dir = Files.createTempDirectory(this.work, mode);
		Files.createDirectories(dir.resolve("inbox"));
		if (csv != null) {
			Files.createLink(dir.resolve("inbox").resolve(csv.getFileName()), csv);
		}
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
						"-XX:+ExitOnOutOfMemoryError",
						"-Dcorelake.bench.warmup=" + Integer.getInteger("corelake.bench.warmup", 1), "-cp",
						System.getProperty("java.class.path"), ForkedSync.class.getName(), dir.toString(),
						SyncFixtures.get().catalog().url(), mode, arg3));
		if (arg4 != null) {
			command.add(arg4);
		}
		String extra = System.getProperty("corelake.bench.jvm-args-" + mode);
		if (extra != null && !extra.isBlank()) {
			command.addAll(1, List.of(extra.trim().split("\\s+")));
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String result = null;
		double pipelineSeconds = 0;
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith("RESULT")) {
					result = line;
				}
				else if (line.contains("RunLog")) {
					System.out.println("  " + line.substring(0, Math.min(line.length(), 24)).trim() + " "
							+ line.substring(Math.max(0, line.indexOf("Run "))));
					Matcher read = READ.matcher(line);
					if (read.find()) {
						pipelineSeconds = Double.parseDouble(read.group(1));
					}
				}
			}
		}
		process.waitFor(30, TimeUnit.MINUTES);
		assertThat(result).as(name).isNotNull();
		Matcher matcher = RESULT.matcher(result);
		assertThat(matcher.find()).as(result).isTrue();
		assertThat(matcher.group(1)).as(result).isEqualTo("SUCCEEDED");
		double seconds = Double.parseDouble(matcher.group(4));
		double rows = Long.parseLong(matcher.group(2));
		double megabytes = Long.parseLong(matcher.group(3)) / 1e6;
		Matcher cpu = CPU.matcher(result);
		double cpuSeconds = cpu.find() ? Double.parseDouble(cpu.group(1)) : Double.NaN;
		results.computeIfAbsent(name, (key) -> new ArrayList<>())
			.add(new double[] { rows / seconds, megabytes / seconds, seconds, Double.parseDouble(matcher.group(5)),
					Double.parseDouble(matcher.group(6)),
					(pipelineSeconds > 0) ? rows / pipelineSeconds : rows / seconds, cpuSeconds });
		System.out.println(name + ": " + result);
	}

}
