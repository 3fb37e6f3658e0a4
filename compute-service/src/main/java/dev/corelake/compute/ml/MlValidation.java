package dev.corelake.compute.ml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.corelake.errors.FieldViolation;
import org.apache.spark.ml.PipelineStage;

/**
 * The checks of train and predict jobs that run before Spark does: the algorithm, its
 * parameters (allow-list, JSON types, ranges, then MLlib's own checks on a throw-away
 * estimator), the feature and label names, the split and, where the catalog knows the
 * input's schema, the columns and their types. Each problem is one field violation.
 *
 * @author Corelake
 */
public final class MlValidation {

	/** Model names: like dataset names, short enough for {@code model-} in front. */
	public static final Pattern MODEL_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,56}");

	/** Feature and label names: plain identifiers, so MLlib never mistakes them. */
	public static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

	/** Prefix of the pipeline's internal columns. */
	public static final String INTERNAL_PREFIX = "corelake__";

	/** Columns a pipeline adds; no feature, label or predicted dataset may have them. */
	public static final Set<String> OUTPUT_COLUMNS = Set.of("prediction", "probability", "rawPrediction",
			"predictedLabel");

	/** Most feature columns. */
	public static final int MAX_FEATURES = 1000;

	private MlValidation() {
	}

	/**
	 * What a column type is to a pipeline.
	 */
	public enum ColumnKind {

		/** Used as it is (cast to double). */
		NUMERIC,

		/** Used as 0 or 1. */
		BOOLEAN,

		/** Indexed and one-hot encoded (features) or indexed (labels). */
		STRING,

		/** Not usable. */
		UNSUPPORTED;

		/**
		 * The kind of a Spark SQL type name.
		 * @param type e.g. {@code int}, {@code decimal(10,2)}, {@code string}
		 * @return its kind
		 */
		public static ColumnKind of(String type) {
			String name = type.toLowerCase(Locale.ROOT);
			if (name.startsWith("decimal")) {
				return NUMERIC;
			}
			return switch (name) {
				case "tinyint", "byte", "smallint", "short", "int", "integer", "bigint", "long", "float", "real",
						"double" ->
					NUMERIC;
				case "boolean" -> BOOLEAN;
				case "string" -> STRING;
				default -> name.startsWith("varchar") || name.startsWith("char") ? STRING : UNSUPPORTED;
			};
		}

	}

	/**
	 * Checks a training specification (defaults filled in) and converts its parameters.
	 * @param spec the specification
	 * @param violations where problems are added ({@code training.*} fields)
	 * @return the parameters as MLlib takes them, when the algorithm is known
	 */
	public static Map<String, Object> training(TrainingSpec spec, List<FieldViolation> violations) {
		if (spec.model() == null || !MODEL_NAME.matcher(spec.model()).matches()) {
			violations.add(new FieldViolation("training.model", "must match " + MODEL_NAME.pattern()));
		}
		Optional<Algorithm> algorithm = Optional.ofNullable(spec.algorithm()).flatMap(Algorithm::fromApiName);
		if (algorithm.isEmpty()) {
			violations.add(new FieldViolation("training.algorithm",
					"must be one of " + java.util.Arrays.stream(Algorithm.values()).map(Algorithm::apiName).toList()));
		}
		Set<String> seen = new HashSet<>();
		if (spec.features() == null || spec.features().isEmpty()) {
			violations.add(new FieldViolation("training.features", "must name at least one column"));
		}
		else if (spec.features().size() > MAX_FEATURES) {
			violations.add(new FieldViolation("training.features", "must name at most " + MAX_FEATURES + " columns"));
		}
		else {
			for (int i = 0; i < spec.features().size(); i++) {
				String feature = spec.features().get(i);
				String field = "training.features[" + i + "]";
				checkColumnName(feature, field, violations);
				if (feature != null && !seen.add(feature.toLowerCase(Locale.ROOT))) {
					violations.add(new FieldViolation(field, "names column '" + feature + "' twice"));
				}
			}
		}
		if (algorithm.isPresent() && algorithm.get().needsLabel()) {
			if (spec.label() == null) {
				violations.add(new FieldViolation("training.label",
						"is required for " + algorithm.get().apiName() + " (the column to predict)"));
			}
			else {
				checkColumnName(spec.label(), "training.label", violations);
				if (seen.contains(spec.label().toLowerCase(Locale.ROOT))) {
					violations.add(new FieldViolation("training.label",
							"'" + spec.label() + "' is also a feature: the label must not be one"));
				}
			}
		}
		else if (algorithm.isPresent() && spec.label() != null) {
			violations.add(new FieldViolation("training.label", "must be absent: kmeans has no label"));
		}
		double fraction = spec.testFraction();
		if (!(fraction > 0 && fraction < 1)) {
			violations.add(new FieldViolation("training.testFraction", "must be between 0 and 1 (exclusive)"));
		}
		return algorithm.map((known) -> params(known, spec.params(), spec.seed(), violations)).orElse(Map.of());
	}

	private static Map<String, Object> params(Algorithm algorithm, Map<String, Object> params, long seed,
			List<FieldViolation> violations) {
		Map<String, Object> converted = new LinkedHashMap<>();
		if (params.size() > 50) {
			violations.add(new FieldViolation("training.params", "must have at most 50 entries"));
			return converted;
		}
		params.forEach((name, value) -> {
			String field = "training.params." + name;
			ParamSpec spec = algorithm.params().get(name);
			if (spec == null) {
				violations.add(new FieldViolation(field, "is not a parameter of " + algorithm.apiName() + "; allowed: "
						+ String.join(", ", algorithm.params().keySet())));
				return;
			}
			try {
				converted.put(name, spec.convert(value));
			}
			catch (IllegalArgumentException ex) {
				violations.add(new FieldViolation(field, ex.getMessage()));
			}
		});
		if (violations.stream().noneMatch((violation) -> violation.field().startsWith("training.params"))) {
			// MLlib's own checks (e.g. epsilon > 1), on an estimator that is thrown away
			PipelineStage probe = algorithm.newEstimator(Map.of(), seed);
			converted.forEach((name, value) -> {
				try {
					Algorithm.set(probe, name, value);
				}
				catch (IllegalArgumentException ex) {
					violations.add(new FieldViolation("training.params." + name, "is refused by Spark MLlib: "
							+ ex.getMessage().lines().findFirst().orElse("invalid value")));
				}
			});
		}
		return converted;
	}

	private static void checkColumnName(String name, String field, List<FieldViolation> violations) {
		if (name == null || !COLUMN_NAME.matcher(name).matches()) {
			violations.add(new FieldViolation(field, "must be a column name matching " + COLUMN_NAME.pattern()));
		}
		else if (name.startsWith(INTERNAL_PREFIX) || OUTPUT_COLUMNS.contains(name)) {
			violations.add(new FieldViolation(field, "'" + name + "' is reserved for what the model adds ("
					+ String.join(", ", OUTPUT_COLUMNS) + ", " + INTERNAL_PREFIX + "*)"));
		}
	}

	/**
	 * Checks the feature and label columns against the input's schema.
	 * @param spec the training specification
	 * @param algorithm its algorithm
	 * @param schema the input's columns by name, with their Spark SQL types
	 * @param input the input, for messages ({@code customers@3})
	 * @param violations where problems are added
	 */
	public static void columns(TrainingSpec spec, Algorithm algorithm, Map<String, String> schema, String input,
			List<FieldViolation> violations) {
		for (int i = 0; i < spec.features().size(); i++) {
			String feature = spec.features().get(i);
			String type = schema.get(feature);
			String field = "training.features[" + i + "]";
			if (type == null) {
				violations.add(new FieldViolation(field, "column '" + feature + "' is not in " + input));
			}
			else if (ColumnKind.of(type) == ColumnKind.UNSUPPORTED) {
				violations.add(new FieldViolation(field,
						"column '" + feature + "' is " + type + "; features must be numbers, booleans or strings"));
			}
		}
		if (algorithm.needsLabel() && spec.label() != null) {
			String type = schema.get(spec.label());
			if (type == null) {
				violations
					.add(new FieldViolation("training.label", "column '" + spec.label() + "' is not in " + input));
				return;
			}
			ColumnKind kind = ColumnKind.of(type);
			if (kind == ColumnKind.UNSUPPORTED || (algorithm.task() == Task.REGRESSION && kind == ColumnKind.STRING)) {
				violations.add(new FieldViolation("training.label", "column '" + spec.label() + "' is " + type + "; a "
						+ algorithm.task().apiName() + " label must be "
						+ ((algorithm.task() == Task.REGRESSION) ? "a number" : "a number, boolean or string")));
			}
		}
	}

	/**
	 * Checks that a dataset can be scored by a model: it has every feature column, and no
	 * column the model adds.
	 * @param features the model's features
	 * @param schema the dataset's columns by name, with their types
	 * @param input the dataset, for messages
	 * @param model the model version, for messages ({@code churn@2})
	 * @param violations where problems are added ({@code dataset})
	 */
	public static void prediction(List<ModelCards.Feature> features, Map<String, String> schema, String input,
			String model, List<FieldViolation> violations) {
		List<String> missing = new ArrayList<>();
		for (ModelCards.Feature feature : features) {
			if (!schema.containsKey(feature.name())) {
				missing.add(feature.name() + " (" + feature.type() + ")");
			}
		}
		if (!missing.isEmpty()) {
			violations.add(new FieldViolation("dataset",
					input + " lacks the feature column(s) " + missing + " that model " + model + " reads"));
		}
		for (String column : schema.keySet()) {
			if (OUTPUT_COLUMNS.contains(column) || column.startsWith(INTERNAL_PREFIX)) {
				violations.add(new FieldViolation("dataset", input + " has a column '" + column
						+ "', which the prediction adds; select the data without it first"));
			}
		}
	}

}
