package dev.corelake.model.system;

import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * The Spark session predictions run in. Spark allows one SparkContext per JVM: when one
 * is running already (compute-service's, in the all-in-one mode) {@code getOrCreate}
 * hands that one out and this service leaves it running when it stops; otherwise it
 * starts a {@code local[N]} session of its own and stops it with the application context.
 *
 * @author Corelake
 */
public final class ModelSpark implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(ModelSpark.class);

	private final SparkSession session;

	private final boolean owned;

	private ModelSpark(SparkSession session, boolean owned) {
		this.session = session;
		this.owned = owned;
	}

	/**
	 * Gets the JVM's Spark session, starting one when there is none.
	 * @param cores threads of {@code local[N]}; 0 for every processor
	 * @param settings further Spark settings (only for a session started here)
	 * @return the holder
	 */
	public static synchronized ModelSpark obtain(int cores, Map<String, String> settings) {
		boolean running = SparkSession.getDefaultSession().isDefined()
				&& !SparkSession.getDefaultSession().get().sparkContext().isStopped();
		SparkSession.Builder builder = SparkSession.builder();
		if (!running) {
			builder.appName("corelake-ai-model")
				.master("local[" + ((cores > 0) ? Integer.toString(cores) : "*") + "]")
				.config("spark.ui.enabled", "false")
				.config("spark.ui.showConsoleProgress", "false")
				.config("spark.sql.session.timeZone", "UTC")
				.config("spark.sql.shuffle.partitions", "4")
				// Spark would install Hadoop's JVM-wide URL handler factory; the JVM
				// allows
				// one, and Tomcat needs it for every application context started later
				.config("spark.sql.defaultUrlStreamHandlerFactory.enabled", "false")
				.config("spark.driver.host", "127.0.0.1")
				.config("spark.driver.bindAddress", "127.0.0.1");
			settings.forEach(builder::config);
		}
		SparkSession session = builder.getOrCreate();
		if (!running) {
			logger.info("Spark {} started for predictions (local[{}])", session.version(),
					session.sparkContext().defaultParallelism());
		}
		return new ModelSpark(session, !running);
	}

	/**
	 * The session.
	 * @return it
	 */
	public SparkSession session() {
		return this.session;
	}

	/**
	 * Whether this service started the session (and stops it).
	 * @return {@code true} when it did
	 */
	public boolean owned() {
		return this.owned;
	}

	@Override
	public void destroy() {
		synchronized (ModelSpark.class) {
			if (this.owned && !this.session.sparkContext().isStopped()) {
				this.session.stop();
				logger.info("Spark stopped");
			}
		}
	}

}
