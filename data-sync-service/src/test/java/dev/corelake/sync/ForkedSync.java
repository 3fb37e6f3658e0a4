package dev.corelake.sync;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs data-sync-service in a JVM of its own (started by a test or a benchmark with a
 * small heap), syncs one source into a dataset and prints one result line:
 * {@code RESULT state=… rows=… seconds=… peakHeapMb=… peakRssMb=…}. Exits 0 when the run
 * succeeded.
 * <p>
 * Arguments:
 * {@code <work dir> <catalog URL> <jdbc|csv> <JDBC URL and table, or CSV file>}.
 * <p>
 * With {@code -Dcorelake.bench.warmup=N} the same work is done N times first, unmeasured,
 * so that the measured pass runs on compiled code, as a long-running service does (a
 * fresh JVM spends seconds compiling; a plain read loop has far less code to compile than
 * the service, so cold runs compare the JIT more than the work).
 *
 * @author Corelake
 */
public final class ForkedSync {

	private ForkedSync() {
	}

	/**
	 * Runs one sync.
	 * @param args work dir, catalog URL, kind, then the JDBC URL and the table, or the
	 * CSV file (inside the work dir's inbox)
	 * @throws Exception when anything fails
	 */
	public static void main(String[] args) throws Exception {
		Path work = Path.of(args[0]);
		Files.createDirectories(work.resolve("inbox"));
		int warmup = Integer.getInteger("corelake.bench.warmup", 0);
		if (args[2].startsWith("jdbc-loop")) {
			String query = "select * from " + args[4] + (args[2].equals("jdbc-loop-ordered") ? " order by id" : "");
			boolean binary = args[2].equals("jdbc-loop-binary");
			for (int pass = 0; pass < warmup; pass++) {
				jdbcLoop(args[3], query, binary, false);
			}
			jdbcLoop(args[3], query, binary, true);
			return;
		}
		if (args[2].equals("pg-copy")) {
			for (int pass = 0; pass < warmup; pass++) {
				postgresCopy(args[3], args[4], false);
			}
			postgresCopy(args[3], args[4], true);
			return;
		}
		if (args[2].equals("copy")) {
			for (int pass = 0; pass < warmup; pass++) {
				copy(work, args[3], "warmup-" + pass, false);
			}
			copy(work, args[3], "copy", true);
			return;
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.config.name", "data-sync-service");
		properties.put("corelake.config.client.enabled", "false");
		properties.put("spring.datasource.url", "jdbc:h2:file:" + work.resolve("db/sync")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		properties.put("corelake.platform.security.enabled", "false");
		properties.put("corelake.lake.uri", work.resolve("lake").toUri().toString());
		properties.put("corelake.sync.sources.files.allowed-dirs", work.resolve("inbox").toString());
		properties.put("corelake.platform.downstream.services.catalog-service.url", args[1]);
		properties.put("corelake.sync.secrets.source-db", "postgres");
		properties.put("corelake.sync.runs.poll-interval", "200ms");
		properties.put("logging.level.root", "WARN");
		properties.put("logging.level.dev.corelake.sync.engine.RunLog", "INFO");
		// settings to try (-Dcorelake.sync.…=…) pass through
		System.getProperties()
			.stringPropertyNames()
			.stream()
			.filter((name) -> name.startsWith("corelake.sync."))
			.forEach((name) -> properties.put(name, System.getProperty(name)));
		SpringApplication application = new SpringApplication(dev.corelake.sync.SyncServiceApplication.class);
		// as command-line arguments: above the service's own configuration file
		String[] arguments = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		long started = System.nanoTime();
		try (ConfigurableApplicationContext context = application.run(arguments)) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			Api api = new Api("http://localhost:" + port);
			Map<String, Object> source = new LinkedHashMap<>();
			source.put("name", "forked");
			Map<String, Object> job = new LinkedHashMap<>();
			job.put("name", "forked");
			job.put("source", "forked");
			job.put("dataset", "forked");
			if (args[2].equals("jdbc")) {
				source
					.putAll(Map.of("kind", "jdbc", "url", args[3], "user", "postgres", "passwordSecret", "source-db"));
				job.put("table", args[4]);
			}
			else {
				source.putAll(Map.of("kind", "csv", "path", args[3]));
			}
			check(api.post("/api/v1/sync/sources", source), 201);
			check(api.post("/api/v1/sync/jobs", job), 201);
			for (int pass = 0; pass < warmup; pass++) {
				Map<String, Object> warm = awaitRun(api, api.post("/api/v1/sync/jobs/forked/runs"));
				if (!"SUCCEEDED".equals(warm.get("state"))) {
					throw new IllegalStateException("warm-up run " + warm.get("state") + ": " + warm.get("error"));
				}
			}
			Api.Answer queued = api.post("/api/v1/sync/jobs/forked/runs");
			long cpuStarted = cpuNanos();
			Map<String, Object> run = awaitRun(api, queued);
			// the run's own clock, from queued to its end state: polling often enough to
			// see the end at once would add the service's answers to what is measured
			double seconds = java.time.Duration
				.between(java.time.Instant.parse((String) run.get("queuedAt")),
						java.time.Instant.parse((String) run.get("finishedAt")))
				.toNanos() / 1e9;
			@SuppressWarnings("unchecked")
			Map<String, Object> progress = (Map<String, Object>) run.get("progress");
			System.out.println("RESULT state=" + run.get("state") + " rows=" + progress.get("rowsWritten")
					+ " bytesRead=" + progress.get("bytesRead") + " bytesWritten=" + progress.get("bytesWritten")
					+ " seconds=" + String.format(java.util.Locale.ROOT, "%.2f", seconds) + " peakHeapMb="
					+ peakHeapMb() + " peakRssMb=" + peakRssMb() + " location=" + run.get("location") + " error="
					+ run.get("error") + " cpuSeconds="
					+ String.format(java.util.Locale.ROOT, "%.2f", (cpuNanos() - cpuStarted) / 1e9) + " jvmSeconds="
					+ String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
			System.out.flush();
			if (!"SUCCEEDED".equals(run.get("state"))) {
				System.exit(2);
			}
		}
		System.exit(0);
	}

	/**
	 * The baseline of JDBC sources: a plain read loop over the same table, with the same
	 * streaming settings (autocommit off, fetch size 5000), reading every column; in text
	 * (the driver's default) or, like the service, in binary from the first execution.
	 */
	private static void jdbcLoop(String url, String query, boolean binary, boolean report) throws Exception {
		java.util.Properties credentials = new java.util.Properties();
		credentials.setProperty("user", "postgres");
		credentials.setProperty("password", "postgres");
		if (binary) {
			credentials.setProperty("prepareThreshold", "-1");
		}
		long rows = 0;
		long bytes = 0;
		long started = System.nanoTime();
		long cpuStarted = cpuNanos();
		try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, credentials)) {
			connection.setAutoCommit(false);
			try (java.sql.Statement statement = connection.createStatement()) {
				statement.setFetchSize(5000);
				try (java.sql.ResultSet rs = statement.executeQuery(query)) {
					int columns = rs.getMetaData().getColumnCount();
					while (rs.next()) {
						for (int i = 1; i <= columns; i++) {
							bytes += dev.corelake.sync.format.Values.size(rs.getObject(i));
						}
						rows++;
					}
				}
			}
		}
		if (report) {
			result(rows, bytes, started, cpuStarted);
		}
	}

	/**
	 * The fastest way out of PostgreSQL, as a second baseline of JDBC sources: the table
	 * ordered by its key through {@code COPY … TO STDOUT (FORMAT binary)} into nowhere,
	 * bytes counted, nothing decoded.
	 */
	private static void postgresCopy(String url, String table, boolean report) throws Exception {
		java.util.Properties credentials = new java.util.Properties();
		credentials.setProperty("user", "postgres");
		credentials.setProperty("password", "postgres");
		long rows;
		try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, credentials);
				java.sql.ResultSet rs = connection.createStatement().executeQuery("select count(*) from " + table)) {
			rs.next();
			rows = rs.getLong(1);
		}
		long started = System.nanoTime();
		long cpuStarted = cpuNanos();
		long[] bytes = new long[1];
		java.io.OutputStream counting = new java.io.OutputStream() {

			@Override
			public void write(int b) {
				bytes[0]++;
			}

			@Override
			public void write(byte[] data, int offset, int length) {
				bytes[0] += length;
			}

		};
		try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, credentials)) {
			connection.setAutoCommit(false);
			new org.postgresql.copy.CopyManager(connection.unwrap(org.postgresql.core.BaseConnection.class))
				.copyOut("COPY (select * from " + table + " order by id) TO STDOUT (FORMAT binary)", counting);
			connection.commit();
		}
		if (report) {
			result(rows, bytes[0], started, cpuStarted);
		}
	}

	/**
	 * The baseline of file sources: a plain copy of the file into the same lake, through
	 * the same file system API.
	 */
	private static void copy(Path work, String file, String into, boolean report) throws Exception {
		Path source = work.resolve("inbox").resolve(file);
		long started = System.nanoTime();
		long cpuStarted = cpuNanos();
		try (dev.corelake.lake.Lake lake = dev.corelake.lake.Lake.open(work.resolve("lake").toUri(), Map.of())) {
			org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(lake.root(), into + "/" + file);
			lake.fileSystem().copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(source.toUri()), target);
		}
		long bytes = Files.size(source);
		if (report) {
			result(0, bytes, started, cpuStarted);
		}
	}

	/** CPU time of this JVM (all its threads, collections included). */
	private static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static void result(long rows, long bytes, long started, long cpuStarted) {
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.println("RESULT state=SUCCEEDED rows=" + rows + " bytesRead=" + bytes + " bytesWritten=0 seconds="
				+ String.format(java.util.Locale.ROOT, "%.2f", seconds) + " peakHeapMb=" + peakHeapMb() + " peakRssMb="
				+ peakRssMb() + " location=- error=null cpuSeconds="
				+ String.format(java.util.Locale.ROOT, "%.2f", (cpuNanos() - cpuStarted) / 1e9));
	}

	/**
	 * Waits for a queued run to end, polled every 100 ms (the run's time is taken from
	 * its own record, not from the polling).
	 */
	private static Map<String, Object> awaitRun(Api api, Api.Answer queued) throws InterruptedException {
		check(queued, 202);
		long id = ((Number) queued.json().get("id")).longValue();
		while (true) {
			Map<String, Object> run = api.get("/api/v1/sync/runs/" + id).json();
			if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(run.get("state"))) {
				return run;
			}
			Thread.sleep(100);
		}
	}

	private static void check(Api.Answer answer, int status) {
		if (answer.status() != status) {
			throw new IllegalStateException(answer.status() + " " + answer.body());
		}
	}

	/**
	 * Peak heap use: the sum of the heap pools' peaks.
	 * @return megabytes
	 */
	static long peakHeapMb() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak / (1024 * 1024);
	}

	/**
	 * Peak resident set size of this process (Linux {@code VmHWM}).
	 * @return megabytes, -1 when unknown
	 */
	static long peakRssMb() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// not Linux
		}
		return -1;
	}

}
