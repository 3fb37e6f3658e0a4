package dev.corelake.model.serving;

import java.util.List;

import dev.corelake.model.registry.Feature;
import dev.corelake.model.registry.ModelCard;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.types.StructType;

/**
 * A model version ready to serve: its PipelineModel, its card (from
 * {@code corelake-model.json}) and the Spark schema of the rows it takes.
 *
 * @param model the model
 * @param version the version
 * @param pipeline the PipelineModel
 * @param card what the version says about itself
 * @param features the feature columns in order, with their types
 * @param schema the Spark schema of input rows
 * @author Corelake
 */
record LoadedModel(String model, int version, PipelineModel pipeline, ModelCard card, List<FeatureType> features,
		StructType schema) {

	/**
	 * A feature and how JSON values become its Spark values.
	 *
	 * @param feature the feature
	 * @param type its type
	 */
	record FeatureType(Feature feature, ValueType type) {
	}

}
