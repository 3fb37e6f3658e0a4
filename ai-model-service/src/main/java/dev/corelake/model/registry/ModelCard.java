package dev.corelake.model.registry;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a trained model version says about itself: the {@code training} result of a
 * compute-service {@code train} job, also written as {@code corelake-model.json} next to
 * the Spark PipelineModel in the artifact directory.
 *
 * @param model the model name
 * @param modelVersion the version (the catalog version of {@code model-<name>})
 * @param artifact lake URI of the PipelineModel directory
 * @param task {@code classification}, {@code regression} or {@code clustering}
 * @param algorithm the algorithm, when recorded
 * @param metrics evaluation on the test split
 * @param featureSchema the columns the pipeline reads, in order
 * @param label the label column, {@code null} for clustering
 * @param trainRows rows trained on
 * @param testRows rows evaluated on
 * @param dataset the training dataset
 * @param datasetVersion its exact version
 * @param params effective algorithm parameters
 * @param seed the split and algorithm seed
 * @param testFraction share of rows held out for evaluation
 * @author Corelake
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelCard(String model, Integer modelVersion, String artifact, String task, String algorithm,
		Map<String, Object> metrics, List<Feature> featureSchema, Feature label, Long trainRows, Long testRows,
		String dataset, Integer datasetVersion, Map<String, Object> params, Long seed, Double testFraction) {

	/** The file, in an artifact directory, that holds the card. */
	public static final String FILE_NAME = "corelake-model.json";

}
