package dev.corelake.model.system;

import java.util.Map;

import dev.corelake.platform.system.JvmShared;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * The Spark session predictions run in: the JVM's one session ({@link JvmShared#SPARK}).
 * Spark allows one SparkContext per JVM; in the all-in-one mode compute-service holds the
 * same session, and whichever service started it, it stops only when the last holder
 * releases it — stopping compute-service leaves predictions running. Alone, this service
 * starts a {@code local[N]} session of its own and stops it with its application context.
 *
 * @author Corelake
 */
public final class ModelSpark implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(ModelSpark.class);

	private final SparkSession session;

	private boolean released;

	private ModelSpark(SparkSession session) {
		this.session = session;
	}

	/**
	 * Takes a hold on the JVM's Spark session, starting one when there is none.
	 * @param cores threads of {@code local[N]}; 0 for every processor
	 * @param settings further Spark settings (only for a session started here)
	 * @return the holder
	 */
	public static ModelSpark obtain(int cores, Map<String, String> settings) {
		return new ModelSpark(
				JvmShared.acquire(JvmShared.SPARK, SparkSession.class, () -> start(cores, settings), (session) -> {
					session.stop();
					logger.info("Spark stopped");
				}));
	}

	private static SparkSession start(int cores, Map<String, String> settings) {
		SparkSession.Builder builder = SparkSession.builder()
			.appName("corelake-ai-model")
			.master("local[" + ((cores > 0) ? Integer.toString(cores) : "*") + "]")
			.config("spark.ui.enabled", "false")
			.config("spark.ui.showConsoleProgress", "false")
			.config("spark.sql.session.timeZone", "UTC")
			.config("spark.sql.shuffle.partitions", "4")
			// Spark would install Hadoop's JVM-wide URL handler factory; the JVM allows
			// one, and Tomcat needs it for every application context started later
			.config("spark.sql.defaultUrlStreamHandlerFactory.enabled", "false")
			.config("spark.driver.host", "127.0.0.1")
			.config("spark.driver.bindAddress", "127.0.0.1");
		settings.forEach(builder::config);
		SparkSession session = builder.getOrCreate();
		logger.info("Spark {} started for predictions (local[{}])", session.version(),
				session.sparkContext().defaultParallelism());
		return session;
	}

	/**
	 * The session.
	 * @return it
	 */
	public SparkSession session() {
		return this.session;
	}

	@Override
	public synchronized void destroy() {
		if (!this.released) {
			this.released = true;
			JvmShared.release(JvmShared.SPARK);
		}
	}

}
