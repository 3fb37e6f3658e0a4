package dev.corelake.compute.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.corelake.compute.job.ComputeJob;
import dev.corelake.compute.job.ResolvedInput;
import dev.corelake.compute.ml.MlValidation;
import dev.corelake.compute.ml.ModelCards.Feature;
import dev.corelake.compute.ml.PredictionSpec;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Applies the model version of a predict job to its input: the input's columns, then
 * {@code prediction} (double), for classifiers {@code probability} (as
 * {@code array<double>}) and, for string labels, {@code predictedLabel}.
 *
 * @author Corelake
 */
final class SparkPrediction {

	private SparkPrediction() {
	}

	static Dataset<Row> score(SparkSession session, ComputeJob job, Consumer<String> log) {
		PredictionSpec spec = job.prediction();
		ResolvedInput input = job.inputs()
			.stream()
			.filter((each) -> !SparkJobExecution.isModel(each))
			.findFirst()
			.orElseThrow();
		ResolvedInput modelInput = job.inputs().stream().filter(SparkJobExecution::isModel).findFirst().orElseThrow();
		String inputName = input.dataset() + "@" + input.version();
		String modelName = spec.model() + "@" + spec.modelVersion();
		Dataset<Row> data = session.table(SparkJobExecution.quote(input.table()));
		Set<String> columns = new HashSet<>(Arrays.asList(data.columns()));
		List<String> missing = spec.features()
			.stream()
			.filter((feature) -> !columns.contains(feature.name()))
			.map((feature) -> feature.name() + " (" + feature.type() + ")")
			.toList();
		if (!missing.isEmpty()) {
			throw new IllegalArgumentException(
					inputName + " lacks the feature column(s) " + missing + " that model " + modelName + " reads");
		}
		for (String column : data.columns()) {
			if (MlValidation.OUTPUT_COLUMNS.contains(column) || column.startsWith(MlValidation.INTERNAL_PREFIX)) {
				throw new IllegalArgumentException(inputName + " has a column '" + column
						+ "', which the prediction adds; select the data without it first");
			}
		}
		PipelineModel model;
		try {
			model = PipelineModel.load(modelInput.location());
		}
		catch (Exception ex) {
			// Spark throws checked exceptions (I/O) undeclared
			throw new IllegalArgumentException("Model " + modelName + " cannot be loaded from " + modelInput.location()
					+ ": " + SparkErrors.summary(ex), ex);
		}
		log.accept("Scoring " + inputName + " with model " + modelName + " (features "
				+ spec.features().stream().map(Feature::name).toList() + ")");
		Dataset<Row> scored = model.transform(data);
		Set<String> produced = new HashSet<>(Arrays.asList(scored.columns()));
		List<Column> out = new ArrayList<>();
		Arrays.stream(data.columns()).forEach((name) -> out.add(functions.col(SparkJobExecution.quote(name))));
		out.add(functions.col("prediction").cast("double").as("prediction"));
		if (produced.contains("probability")) {
			out.add(org.apache.spark.ml.functions.vector_to_array(functions.col("probability"), "float64")
				.as("probability"));
		}
		if (produced.contains("predictedLabel")) {
			out.add(functions.col("predictedLabel"));
		}
		return scored.select(out.toArray(new Column[0]));
	}

}
