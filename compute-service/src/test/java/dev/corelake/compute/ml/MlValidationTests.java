package dev.corelake.compute.ml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.corelake.errors.FieldViolation;
import org.apache.spark.ml.PipelineStage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The checks of training specifications and the algorithms' parameter allow-lists,
 * without Spark running anything.
 *
 * @author Corelake
 */
class MlValidationTests {

	@Test
	void validSpecificationPassesAndItsParametersAreConverted() {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("maxIter", 50);
		params.put("regParam", 1);
		params.put("fitIntercept", false);
		params.put("family", "binomial");
		List<FieldViolation> violations = new ArrayList<>();
		Map<String, Object> converted = MlValidation.training(spec("logistic_regression", params), violations);
		assertThat(violations).isEmpty();
		assertThat(converted).containsEntry("maxIter", 50)
			.containsEntry("regParam", 1.0)
			.containsEntry("fitIntercept", false)
			.containsEntry("family", "binomial");
		PipelineStage estimator = Algorithm.LOGISTIC_REGRESSION.newEstimator(converted, 7);
		Map<String, Object> effective = Algorithm.LOGISTIC_REGRESSION.effectiveParams(estimator);
		assertThat(effective).containsEntry("maxIter", 50).containsEntry("regParam", 1.0).containsKey("tol");
		assertThat(List.copyOf(effective.keySet())).isSorted();
	}

	@Test
	void everyProblemIsOneFieldViolation() {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("numTrees", 0);
		params.put("maxDepth", "deep");
		params.put("bootstrap", "yes");
		params.put("impurity", "variance");
		params.put("subsamplingRate", Double.NaN);
		params.put("learningRate", 0.1);
		List<FieldViolation> violations = new ArrayList<>();
		MlValidation.training(new TrainingSpec("Bad", "random_forest_classifier", List.of("a", "a", "corelake__x"), "a",
				params, 1.5, 1L), violations);
		assertThat(violations).extracting(FieldViolation::field)
			.containsExactlyInAnyOrder("training.model", "training.features[1]", "training.features[2]",
					"training.label", "training.testFraction", "training.params.numTrees", "training.params.maxDepth",
					"training.params.bootstrap", "training.params.impurity", "training.params.subsamplingRate",
					"training.params.learningRate");
	}

	@Test
	void mllibsOwnChecksApplyOnTopOfTheAllowList() {
		List<FieldViolation> violations = new ArrayList<>();
		MlValidation.training(
				new TrainingSpec("m", "linear_regression", List.of("x"), "y", Map.of("epsilon", 1.0), 0.2, 1L),
				violations);
		assertThat(violations).singleElement().satisfies((violation) -> {
			assertThat(violation.field()).isEqualTo("training.params.epsilon");
			assertThat(violation.message()).startsWith("is refused by Spark MLlib");
		});
	}

	@Test
	void kmeansTakesNoLabelAndOthersNeedOne() {
		List<FieldViolation> violations = new ArrayList<>();
		MlValidation.training(new TrainingSpec("m", "kmeans", List.of("x"), "y", Map.of(), 0.2, 1L), violations);
		MlValidation.training(new TrainingSpec("m", "gbt_regressor", List.of("x"), null, Map.of(), 0.2, 1L),
				violations);
		MlValidation.training(new TrainingSpec("m", "no_such", null, null, Map.of(), 0.2, 1L), violations);
		assertThat(violations).extracting(FieldViolation::field)
			.containsExactly("training.label", "training.label", "training.algorithm", "training.features");
	}

	@Test
	void columnsAreCheckedAgainstTheSchema() {
		Map<String, String> schema = new LinkedHashMap<>();
		schema.put("age", "int");
		schema.put("income", "decimal(10,2)");
		schema.put("plan", "string");
		schema.put("joined", "date");
		schema.put("churned", "boolean");
		List<FieldViolation> violations = new ArrayList<>();
		TrainingSpec spec = new TrainingSpec("m", "random_forest_regressor",
				List.of("age", "income", "plan", "joined", "gone"), "plan", Map.of(), 0.2, 1L);
		MlValidation.columns(spec, Algorithm.RANDOM_FOREST_REGRESSOR, schema, "customers@3", violations);
		assertThat(violations).extracting(FieldViolation::field)
			.containsExactly("training.features[3]", "training.features[4]", "training.label");
		violations.clear();
		MlValidation.columns(
				new TrainingSpec("m", "gbt_classifier", List.of("age", "plan"), "churned", Map.of(), 0.2, 1L),
				Algorithm.GBT_CLASSIFIER, schema, "customers@3", violations);
		assertThat(violations).isEmpty();
	}

	@Test
	void aDatasetToScoreNeedsEveryFeatureAndNoOutputColumn() {
		List<FieldViolation> violations = new ArrayList<>();
		MlValidation.prediction(List.of(new ModelCards.Feature("age", "int"), new ModelCards.Feature("plan", "string")),
				Map.of("age", "int", "prediction", "double"), "customers@3", "churn@2", violations);
		assertThat(violations).extracting(FieldViolation::message)
			.containsExactlyInAnyOrder(
					"customers@3 lacks the feature column(s) [plan (string)] that model churn@2 reads",
					"customers@3 has a column 'prediction', which the prediction adds; select the data without it first");
	}

	@Test
	void columnKindsOfSparkTypes() {
		assertThat(MlValidation.ColumnKind.of("bigint")).isEqualTo(MlValidation.ColumnKind.NUMERIC);
		assertThat(MlValidation.ColumnKind.of("decimal(38,18)")).isEqualTo(MlValidation.ColumnKind.NUMERIC);
		assertThat(MlValidation.ColumnKind.of("varchar(10)")).isEqualTo(MlValidation.ColumnKind.STRING);
		assertThat(MlValidation.ColumnKind.of("boolean")).isEqualTo(MlValidation.ColumnKind.BOOLEAN);
		assertThat(MlValidation.ColumnKind.of("array<double>")).isEqualTo(MlValidation.ColumnKind.UNSUPPORTED);
	}

	@Test
	void paramSpecsDescribeAndConvert() {
		assertThat(ParamSpec.integer(1, 10).describe()).isEqualTo("integer 1..10");
		assertThat(ParamSpec.oneOf("a", "b").describe()).isEqualTo("a | b");
		assertThat(ParamSpec.bool().describe()).isEqualTo("boolean");
		assertThat(ParamSpec.number(0, 1).convert(1L)).isEqualTo(1.0);
		assertThatIllegalArgumentException().isThrownBy(() -> ParamSpec.integer(1, 10).convert(11));
		assertThatIllegalArgumentException().isThrownBy(() -> ParamSpec.number(0, 1).convert(null));
		assertThat(Algorithm.fromApiName("kmeans")).contains(Algorithm.KMEANS);
		assertThat(Algorithm.KMEANS.needsLabel()).isFalse();
		assertThat(Algorithm.GBT_CLASSIFIER.task()).isEqualTo(Task.CLASSIFICATION);
	}

	private static TrainingSpec spec(String algorithm, Map<String, Object> params) {
		return new TrainingSpec("churn", algorithm, List.of("age", "plan"), "churned", params, null, null)
			.withDefaults();
	}

}
