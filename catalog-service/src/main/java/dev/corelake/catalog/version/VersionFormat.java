package dev.corelake.catalog.version;

/**
 * File formats a dataset version can be stored in.
 *
 * @author Corelake
 */
enum VersionFormat {

	/** Apache Parquet, the lake's default. */
	PARQUET,

	/** Apache ORC. */
	ORC,

	/** Apache Avro. */
	AVRO,

	/** Comma-separated values with a header row. */
	CSV,

	/** JSON Lines. */
	JSON,

	/**
	 * A Spark ML {@code PipelineModel} directory (a model version: {@code metadata/},
	 * {@code stages/} and {@code corelake-model.json}).
	 */
	SPARK_ML

}
