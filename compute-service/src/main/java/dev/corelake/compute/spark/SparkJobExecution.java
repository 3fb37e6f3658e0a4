package dev.corelake.compute.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import dev.corelake.compute.job.ComputeJob;
import dev.corelake.compute.job.ResolvedInput;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * The Spark work of one job attempt, in a child session of the shared one (its own
 * temporary views and settings): register each pinned input version under its table name,
 * run the query and write its result as Parquet into the given directory, profile one
 * dataset, fit and save an MLlib pipeline ({@link SparkTraining}) or apply one
 * ({@link SparkPrediction}). Runs in the job group of the job, so that cancelling the
 * group stops it, and in the fair-scheduler pool shared by all jobs.
 *
 * @author Corelake
 */
public class SparkJobExecution {

	/** Column names the catalog accepts. */
	private static final Pattern COLUMN = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_ .-]{0,127}");

	private final SparkSession shared;

	private final JobProgressListener progress;

	/**
	 * Creates the execution.
	 * @param shared the shared session
	 * @param progress the listener counting the job's stages and tasks
	 */
	public SparkJobExecution(SparkSession shared, JobProgressListener progress) {
		this.shared = shared;
		this.progress = progress;
	}

	/**
	 * Runs a SQL job, writing its result into a directory.
	 * @param job the job
	 * @param outputDir the (existing) directory that receives the Parquet files
	 * @param stopped tells whether the job was cancelled or timed out meanwhile
	 * @return what was written
	 */
	public SqlOutcome runSql(ComputeJob job, String outputDir, BooleanSupplier stopped) {
		return inGroup(job, (session) -> write(session, session.sql(job.sql()), outputDir, stopped));
	}

	/**
	 * Runs a train job: fits its pipeline on the training share of its input, measures it
	 * on the test share, and saves the fitted {@code PipelineModel} into the given
	 * directory ({@code metadata/}, {@code stages/}).
	 * @param job the job
	 * @param outputDir the (existing) directory that receives the model
	 * @param stopped tells whether the job was cancelled or timed out meanwhile
	 * @param log receives progress lines for the job's log
	 * @return what was trained and how well it does
	 */
	public TrainingOutcome runTraining(ComputeJob job, String outputDir, BooleanSupplier stopped,
			Consumer<String> log) {
		return inGroup(job, (session) -> SparkTraining.train(session, job, outputDir, stopped, log));
	}

	/**
	 * Runs a predict job: applies its model version to its input and writes the input's
	 * columns with {@code prediction} (and {@code probability}, {@code predictedLabel})
	 * as Parquet into the given directory.
	 * @param job the job
	 * @param outputDir the (existing) directory that receives the Parquet files
	 * @param stopped tells whether the job was cancelled or timed out meanwhile
	 * @param log receives progress lines for the job's log
	 * @return what was written
	 */
	public SqlOutcome runPrediction(ComputeJob job, String outputDir, BooleanSupplier stopped, Consumer<String> log) {
		return inGroup(job, (session) -> write(session, SparkPrediction.score(session, job, log), outputDir, stopped));
	}

	/**
	 * Writes a result as Parquet into a directory.
	 */
	private static SqlOutcome write(SparkSession session, Dataset<Row> result, String outputDir,
			BooleanSupplier stopped) {
		List<ColumnInfo> schema = new ArrayList<>();
		for (StructField field : result.schema().fields()) {
			if (!COLUMN.matcher(field.name()).matches()) {
				throw new IllegalArgumentException("Result column '" + field.name()
						+ "' has no usable name: give it an alias (AS name) of letters, digits, _ . - or spaces");
			}
			schema.add(new ColumnInfo(field.name(), field.dataType().catalogString(), field.nullable()));
		}
		checkStopped(stopped);
		Observation rows = new Observation("corelake-rows");
		result.observe(rows, functions.count(functions.lit(1)).as("rows"))
			.write()
			.mode(SaveMode.Append)
			.parquet(outputDir);
		long rowCount = rowCount(rows);
		return new SqlOutcome(rowCount, bytesOf(session, outputDir), schema);
	}

	/**
	 * Profiles the one input of a profile job: per column the non-null count, the nulls,
	 * min and max (of orderable types), the mean (of numbers) and an approximate count of
	 * distinct values.
	 * @param job the job
	 * @param stopped tells whether the job was cancelled or timed out meanwhile
	 * @return the profile
	 */
	public ProfileOutcome runProfile(ComputeJob job, BooleanSupplier stopped) {
		return inGroup(job, (session) -> {
			Dataset<Row> data = session.table(quote(job.inputs().get(0).table()));
			StructField[] fields = data.schema().fields();
			List<Column> aggregates = new ArrayList<>();
			aggregates.add(functions.count(functions.lit(1)));
			for (StructField field : fields) {
				Column column = functions.col(quote(field.name()));
				aggregates.add(functions.count(column));
				boolean orderable = isOrderable(field.dataType());
				aggregates.add(orderable ? functions.min(column).cast("string") : functions.lit(null).cast("string"));
				aggregates.add(orderable ? functions.max(column).cast("string") : functions.lit(null).cast("string"));
				aggregates.add((field.dataType() instanceof NumericType) ? functions.avg(column).cast("double")
						: functions.lit(null).cast("double"));
				aggregates.add(orderable ? functions.approx_count_distinct(column) : functions.lit(null).cast("long"));
			}
			checkStopped(stopped);
			Row row = data.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]))
				.first();
			long total = row.getLong(0);
			List<ColumnProfile> columns = new ArrayList<>();
			for (int i = 0; i < fields.length; i++) {
				int at = 1 + i * 5;
				long count = row.getLong(at);
				columns.add(new ColumnProfile(fields[i].name(), fields[i].dataType().catalogString(), count,
						total - count, row.isNullAt(at + 1) ? null : row.getString(at + 1),
						row.isNullAt(at + 2) ? null : row.getString(at + 2),
						row.isNullAt(at + 3) ? null : row.getDouble(at + 3),
						row.isNullAt(at + 4) ? null : row.getLong(at + 4)));
			}
			return new ProfileOutcome(job.inputs().get(0).dataset(), job.inputs().get(0).version(), total, columns);
		});
	}

	private <T> T inGroup(ComputeJob job, java.util.function.Function<SparkSession, T> work) {
		SparkSession session = this.shared.newSession();
		// defence in depth behind the SQL guard: no parquet.`/path` tables in this
		// session
		session.conf().set("spark.sql.runSQLOnFiles", "false");
		SparkContext context = session.sparkContext();
		context.setJobGroup(job.sparkGroup(), "compute job " + job.id(), true);
		context.setLocalProperty("spark.scheduler.pool", SharedSpark.POOL);
		this.progress.track(job.sparkGroup());
		try {
			for (ResolvedInput input : job.inputs()) {
				if (!isModel(input)) {
					read(session, input).createOrReplaceTempView(quote(input.table()));
				}
			}
			return work.apply(session);
		}
		finally {
			context.clearJobGroup();
			context.setLocalProperty("spark.scheduler.pool", null);
			drainListenerEvents(context);
		}
	}

	/**
	 * Lets the scheduler events of the finished work reach the progress listener (they
	 * are delivered asynchronously), so the last progress written is the final one.
	 */
	private static void drainListenerEvents(SparkContext context) {
		try {
			context.listenerBus().waitUntilEmpty(5_000);
		}
		catch (java.util.concurrent.TimeoutException | RuntimeException ex) {
			// other jobs keep the bus busy: the progress may lag by a few events
		}
	}

	private static Dataset<Row> read(SparkSession session, ResolvedInput input) {
		String format = (input.format() != null) ? input.format().toUpperCase(Locale.ROOT) : "PARQUET";
		return switch (format) {
			case "PARQUET" -> session.read().parquet(input.location());
			case "ORC" -> session.read().orc(input.location());
			case "JSON" -> session.read().json(input.location());
			case "CSV" -> session.read().option("header", "true").option("inferSchema", "true").csv(input.location());
			default -> throw new IllegalArgumentException("Dataset '" + input.dataset() + "' version " + input.version()
					+ " is " + format + ", which compute jobs cannot read (Parquet, ORC, JSON and CSV only)");
		};
	}

	/**
	 * Whether an input is a model version (applied by a predict job, not read as a
	 * table).
	 * @param input the input
	 * @return {@code true} for format {@code SPARK_ML}
	 */
	static boolean isModel(ResolvedInput input) {
		return "SPARK_ML".equalsIgnoreCase(input.format());
	}

	private static long rowCount(Observation rows) {
		try {
			return ((Number) rows.getAsJava().get("rows")).longValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new JobStoppedException();
		}
	}

	private static boolean isOrderable(DataType type) {
		return type instanceof NumericType || type instanceof StringType || type instanceof DateType
				|| type instanceof TimestampType || type instanceof TimestampNTZType || type instanceof BooleanType;
	}

	static void checkStopped(BooleanSupplier stopped) {
		if (stopped.getAsBoolean()) {
			throw new JobStoppedException();
		}
	}

	private static long bytesOf(SparkSession session, String dir) {
		try {
			Path path = new Path(dir);
			FileSystem fs = path.getFileSystem(session.sparkContext().hadoopConfiguration());
			long bytes = 0;
			for (FileStatus status : fs.listStatus(path)) {
				if (status.isFile() && !status.getPath().getName().startsWith("_")
						&& !status.getPath().getName().startsWith(".")) {
					bytes += status.getLen();
				}
			}
			return bytes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Quotes a name for Spark.
	 * @param name the name
	 * @return it in backquotes
	 */
	static String quote(String name) {
		return "`" + name.replace("`", "``") + "`";
	}

	/**
	 * What a SQL job wrote.
	 *
	 * @param rowCount rows
	 * @param bytes bytes of the Parquet files
	 * @param schema columns
	 */
	public record SqlOutcome(long rowCount, long bytes, List<ColumnInfo> schema) {

		/**
		 * As the job's stored result.
		 * @return the members by name
		 */
		public Map<String, Object> asMap() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("rowCount", this.rowCount);
			map.put("bytes", this.bytes);
			map.put("schema", this.schema);
			return map;
		}

	}

	/**
	 * A column of a result.
	 *
	 * @param name name
	 * @param type Spark SQL type
	 * @param nullable whether it may hold nulls
	 */
	public record ColumnInfo(String name, String type, boolean nullable) {
	}

	/**
	 * A dataset's profile.
	 *
	 * @param dataset the dataset
	 * @param version the version profiled
	 * @param rowCount rows
	 * @param columns per column
	 */
	public record ProfileOutcome(String dataset, int version, long rowCount, List<ColumnProfile> columns) {
	}

	/**
	 * One column's profile.
	 *
	 * @param name name
	 * @param type Spark SQL type
	 * @param count non-null values
	 * @param nulls null values
	 * @param min smallest value as text (orderable types)
	 * @param max largest value as text (orderable types)
	 * @param mean mean (numbers)
	 * @param approxDistinct distinct values, estimated (HyperLogLog++, about 5% error)
	 */
	public record ColumnProfile(String name, String type, long count, long nulls, String min, String max, Double mean,
			Long approxDistinct) {
	}

	/** The job was cancelled or timed out between two Spark actions. */
	public static final class JobStoppedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		public JobStoppedException() {
			super("stopped", null, false, false);
		}

	}

}
