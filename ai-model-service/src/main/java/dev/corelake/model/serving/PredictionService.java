package dev.corelake.model.serving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.FieldViolation;
import dev.corelake.model.registry.ModelVersion;
import dev.corelake.model.registry.RegistryService;
import dev.corelake.model.system.AiModelErrorCode;
import dev.corelake.model.system.ModelProperties;
import dev.corelake.model.system.ModelSpark;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;

import org.springframework.stereotype.Service;

/**
 * Online predictions: resolves the alias (afresh on every call, so a moved alias takes
 * effect at once) or version, validates the rows against the version's feature schema,
 * and runs the loaded PipelineModel over them. Spark evaluates a pipeline over a small
 * local relation on the driver, without scheduling a job.
 *
 * @author Corelake
 */
@Service
class PredictionService {

	/** Output columns of a PipelineModel that a prediction carries. */
	static final List<String> OUTPUTS = List.of("prediction", "probability", "predictedLabel");

	/** Most field errors one answer lists. */
	static final int MAX_VIOLATIONS = 100;

	private final RegistryService registry;

	private final ModelLoader loader;

	private final ModelSpark spark;

	private final int maxRows;

	private final Timer timer;

	PredictionService(RegistryService registry, ModelLoader loader, ModelSpark spark, ModelProperties properties,
			MeterRegistry meters) {
		this.registry = registry;
		this.loader = loader;
		this.spark = spark;
		this.maxRows = properties.serving().maxRows();
		this.timer = Timer.builder("corelake.model.predictions")
			.description("Online prediction requests")
			.register(meters);
	}

	/**
	 * Predicts.
	 * @param model the model
	 * @param alias the alias, or {@code null}
	 * @param version the version, or {@code null}
	 * @param rows the rows, as JSON objects
	 * @return the predictions
	 */
	Predictions predict(String model, String alias, Integer version, List<Object> rows) {
		if (rows.size() > this.maxRows) {
			throw new CorelakeException(CommonErrorCode.VALIDATION_FAILED, "Too many rows.")
				.withViolations(List.of(new FieldViolation("rows", "must hold at most " + this.maxRows + " rows")));
		}
		ModelVersion resolved = this.registry.resolve(model, alias, version);
		LoadedModel loaded = this.loader.get(resolved);
		List<Row> sparkRows = validate(loaded, rows);
		return this.timer.record(() -> run(loaded, alias, sparkRows));
	}

	private Predictions run(LoadedModel loaded, String alias, List<Row> rows) {
		List<Row> output;
		List<String> columns;
		try {
			Dataset<Row> input = this.spark.session().createDataFrame(rows, loaded.schema());
			Dataset<Row> transformed = loaded.pipeline().transform(input);
			List<String> available = Arrays.asList(transformed.columns());
			columns = OUTPUTS.stream().filter(available::contains).toList();
			if (!columns.contains("prediction")) {
				throw new CorelakeException(AiModelErrorCode.MODEL_ARTIFACT_INVALID, "Model " + loaded.model()
						+ " version " + loaded.version() + " cannot serve: its pipeline has no prediction column.");
			}
			output = transformed.select(columns.stream().map(functions::col).toArray(Column[]::new)).collectAsList();
		}
		catch (CorelakeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			// Spark also throws checked SparkExceptions undeclared
			throw new CorelakeException(AiModelErrorCode.MODEL_PREDICTION_FAILED, "Model " + loaded.model()
					+ " version " + loaded.version() + " could not predict: " + ModelLoader.summary(ex), ex);
		}
		List<Map<String, Object>> predictions = new ArrayList<>(output.size());
		for (Row row : output) {
			Map<String, Object> prediction = new LinkedHashMap<>();
			for (int i = 0; i < columns.size(); i++) {
				prediction.put(columns.get(i), value(row.get(i)));
			}
			predictions.add(prediction);
		}
		return new Predictions(loaded.model(), loaded.version(), alias, predictions);
	}

	private static Object value(Object value) {
		if (value instanceof Vector vector) {
			return vector.toArray();
		}
		if (value instanceof Number number && !(value instanceof Double)) {
			return number.doubleValue();
		}
		return value;
	}

	/**
	 * Checks every row against the feature schema and converts it to a Spark row.
	 * @throws CorelakeException 400 {@code VALIDATION_FAILED} with one error per bad
	 * field ({@code rows[0].age})
	 */
	private static List<Row> validate(LoadedModel loaded, List<Object> rows) {
		List<FieldViolation> violations = new ArrayList<>();
		List<Row> result = new ArrayList<>(rows.size());
		for (int i = 0; i < rows.size() && violations.size() < MAX_VIOLATIONS; i++) {
			String path = "rows[" + i + "]";
			if (!(rows.get(i) instanceof Map<?, ?> row)) {
				violations.add(new FieldViolation(path, "must be an object of feature values"));
				continue;
			}
			Object[] values = new Object[loaded.features().size()];
			int j = 0;
			for (LoadedModel.FeatureType feature : loaded.features()) {
				String name = feature.feature().name();
				if (!row.containsKey(name)) {
					violations.add(new FieldViolation(path + "." + name,
							"is missing (" + feature.feature().type() + " feature)"));
				}
				else {
					try {
						values[j] = feature.type().convert(row.get(name));
					}
					catch (IllegalArgumentException ex) {
						violations.add(new FieldViolation(path + "." + name, ex.getMessage()));
					}
				}
				j++;
			}
			for (Object key : row.keySet()) {
				if (loaded.features().stream().noneMatch((feature) -> feature.feature().name().equals(key))) {
					violations.add(new FieldViolation(path + "." + abbreviate(String.valueOf(key)),
							"is not a feature of this model"));
				}
			}
			result.add(RowFactory.create(values));
		}
		if (!violations.isEmpty()) {
			throw new CorelakeException(CommonErrorCode.VALIDATION_FAILED,
					"Rows do not match the feature schema of model " + loaded.model() + " version " + loaded.version()
							+ ".")
				.withViolations(violations.subList(0, Math.min(violations.size(), MAX_VIOLATIONS)));
		}
		return result;
	}

	private static String abbreviate(String key) {
		return (key.length() > 64) ? key.substring(0, 64) + "…" : key;
	}

	/**
	 * Predictions for a request.
	 *
	 * @param model the model
	 * @param version the version that predicted
	 * @param alias the alias asked for, if any
	 * @param predictions one per row, in order: {@code prediction} and, when the pipeline
	 * has them, {@code probability} and {@code predictedLabel}
	 */
	record Predictions(String model, int version, String alias, List<Map<String, Object>> predictions) {
	}

}
