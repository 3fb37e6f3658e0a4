package dev.corelake.compute.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.corelake.platform.system.JvmShared;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one SparkSession of this JVM. Spark allows a single SparkContext per JVM, so every
 * application context that needs Spark (compute-service, and in the all-in-one mode or in
 * tests any other) acquires it here and releases it when it closes; the session stops
 * when the last holder releases it, never because a job ended. Jobs get their own
 * {@link SparkSession#newSession() child session} (their own temporary views and SQL
 * settings) over this shared context.
 *
 * @author Corelake
 */
public final class SharedSpark {

	/** The fair scheduler pool every job runs in; jobs inside it share fairly. */
	public static final String POOL = "corelake-jobs";

	private static final Logger logger = LoggerFactory.getLogger(SharedSpark.class);

	private static volatile long startMillis;

	private SharedSpark() {
	}

	/**
	 * The shared session, started on first use. It is the JVM's one session
	 * ({@link JvmShared#SPARK}), also held by ai-model-service in the all-in-one mode:
	 * whichever starts it chooses its settings, and it stops when the last holder
	 * releases it.
	 * @param cores threads of {@code local[N]}; 0 for every processor (only the first
	 * holder's choice counts)
	 * @param extra further Spark settings (only the first holder's choice counts)
	 * @return the session
	 */
	public static SparkSession acquire(int cores, Map<String, String> extra) {
		return JvmShared.acquire(JvmShared.SPARK, SparkSession.class, () -> start(cores, extra), (session) -> {
			session.stop();
			logger.info("Spark stopped");
		});
	}

	private static SparkSession start(int cores, Map<String, String> extra) {
		long start = System.nanoTime();
		SparkSession.Builder builder = SparkSession.builder()
			.appName("corelake-compute")
			.master("local[" + ((cores > 0) ? Integer.toString(cores) : "*") + "]")
			.config("spark.ui.enabled", "false")
			.config("spark.ui.showConsoleProgress", "false")
			.config("spark.scheduler.mode", "FAIR")
			.config("spark.scheduler.allocation.file", fairPools().toUri().toString())
			.config("spark.sql.session.timeZone", "UTC")
			.config("spark.sql.shuffle.partitions", Integer.toString(Math.max(4, 2 * cores(cores))))
			// a job writes into its staging area, which already holds the lease file
			.config("spark.sql.sources.partitionOverwriteMode", "static")
			.config("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
			.config("spark.hadoop.parquet.summary.metadata.level", "NONE")
			// Spark would install Hadoop's JVM-wide URL handler factory; the JVM allows
			// one, and Tomcat needs it for every application context started after this
			// one
			.config("spark.sql.defaultUrlStreamHandlerFactory.enabled", "false")
			.config("spark.driver.host", "127.0.0.1")
			.config("spark.driver.bindAddress", "127.0.0.1");
		extra.forEach(builder::config);
		SparkSession session = builder.getOrCreate();
		startMillis = (System.nanoTime() - start) / 1_000_000;
		logger.info("Spark {} started (local[{}]) in {} ms", session.version(),
				session.sparkContext().defaultParallelism(), startMillis);
		return session;
	}

	/**
	 * Gives the session back; the last holder stops it.
	 */
	public static void release() {
		JvmShared.release(JvmShared.SPARK);
	}

	/**
	 * How long the session took to start.
	 * @return milliseconds, 0 before it started
	 */
	public static long startMillis() {
		return startMillis;
	}

	private static int cores(int cores) {
		return (cores > 0) ? cores : Runtime.getRuntime().availableProcessors();
	}

	private static Path fairPools() {
		try {
			Path file = Files.createTempFile("corelake-spark-pools", ".xml");
			file.toFile().deleteOnExit();
			Files.writeString(file, "<?xml version=\"1.0\"?>\n<allocations>\n  <pool name=\"" + POOL + "\">\n"
					+ "    <schedulingMode>FAIR</schedulingMode>\n    <weight>1</weight>\n    <minShare>0</minShare>\n"
					+ "  </pool>\n</allocations>\n", StandardCharsets.UTF_8);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write Spark's scheduler pools", ex);
		}
	}

}
