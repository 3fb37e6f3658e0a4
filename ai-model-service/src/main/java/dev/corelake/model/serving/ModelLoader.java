package dev.corelake.model.serving;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.lake.Lake;
import dev.corelake.model.registry.Feature;
import dev.corelake.model.registry.ModelCard;
import dev.corelake.model.registry.ModelVersion;
import dev.corelake.model.system.AiModelErrorCode;
import dev.corelake.model.system.ModelProperties;
import dev.corelake.model.system.ModelSpark;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Loads model versions for serving from their artifact directories in the lake (Spark's
 * PipelineModel and {@code corelake-model.json}) and keeps the most recently used ones
 * loaded (Caffeine, bounded by {@code corelake.model.serving.cache-size}). Versions never
 * change, so a loaded version stays valid; a moved alias simply resolves to another key.
 * A missing or unreadable artifact is a clear problem, never a stack trace.
 *
 * @author Corelake
 */
@Component
class ModelLoader {

	private static final Logger logger = LoggerFactory.getLogger(ModelLoader.class);

	private final Lake lake;

	private final ModelSpark spark;

	private final JsonMapper json;

	private final Cache<Key, LoadedModel> cache;

	ModelLoader(Lake lake, ModelSpark spark, JsonMapper json, ModelProperties properties, MeterRegistry meters) {
		this.lake = lake;
		this.spark = spark;
		this.json = json;
		this.cache = Caffeine.newBuilder().maximumSize(properties.serving().cacheSize()).recordStats().build();
		CaffeineCacheMetrics.monitor(meters, this.cache, "corelake.model.serving");
	}

	/**
	 * The loaded version, loading it on first use.
	 * @param version the version
	 * @return it, ready to serve
	 */
	LoadedModel get(ModelVersion version) {
		return this.cache.get(new Key(version.model(), version.version(), version.artifact()), (key) -> load(version));
	}

	/**
	 * How many versions are loaded.
	 * @return the count
	 */
	long loaded() {
		this.cache.cleanUp();
		return this.cache.estimatedSize();
	}

	private LoadedModel load(ModelVersion version) {
		String name = version.model() + " version " + version.version();
		Path dir;
		try {
			dir = this.lake.resolve(URI.create(version.artifact()));
		}
		catch (IllegalArgumentException ex) {
			throw invalid(name, "its artifact location is not in the lake");
		}
		FileSystem fs = this.lake.fileSystem();
		ModelCard card;
		Path cardFile = new Path(dir, ModelCard.FILE_NAME);
		try {
			if (!fs.exists(dir)) {
				throw missing(name, "the artifact directory " + version.artifact() + " does not exist");
			}
			if (!fs.exists(cardFile)) {
				throw missing(name, "the artifact has no " + ModelCard.FILE_NAME);
			}
			try (InputStream in = fs.open(cardFile)) {
				card = this.json.readValue(in, ModelCard.class);
			}
		}
		catch (FileNotFoundException ex) {
			throw missing(name, "the artifact vanished while it was read");
		}
		catch (JacksonException ex) {
			throw invalid(name, ModelCard.FILE_NAME + " is not valid JSON of a model card");
		}
		catch (IOException ex) {
			throw new CorelakeException(CommonErrorCode.UPSTREAM_UNAVAILABLE,
					"The lake cannot be read right now; try again.", ex);
		}
		List<LoadedModel.FeatureType> features = features(name, card);
		PipelineModel pipeline;
		try {
			pipeline = PipelineModel.load(dir.toString());
		}
		catch (Exception ex) {
			// Spark's readers also throw checked exceptions (JSON parse errors)
			// undeclared
			logger.warn("Model {} cannot be loaded from {}: {}", name, dir, ex.toString());
			throw invalid(name, "Spark cannot load its PipelineModel (" + summary(ex) + ")");
		}
		List<StructField> fields = new ArrayList<>();
		for (LoadedModel.FeatureType feature : features) {
			fields.add(DataTypes.createStructField(feature.feature().name(),
					feature.type().sparkType(feature.feature().type()), true));
		}
		logger.info("Model {} loaded from {}", name, dir);
		// the session is touched here so that a stopped context fails the load, not a
		// request later
		this.spark.session().sparkContext().defaultParallelism();
		return new LoadedModel(version.model(), version.version(), pipeline, card, List.copyOf(features),
				DataTypes.createStructType(fields));
	}

	private static List<LoadedModel.FeatureType> features(String name, ModelCard card) {
		if (card.featureSchema() == null || card.featureSchema().isEmpty()) {
			throw invalid(name, ModelCard.FILE_NAME + " has no featureSchema");
		}
		List<LoadedModel.FeatureType> features = new ArrayList<>();
		for (Feature feature : card.featureSchema()) {
			if (feature == null || feature.name() == null || feature.name().isBlank()) {
				throw invalid(name, ModelCard.FILE_NAME + " has a feature without a name");
			}
			ValueType type = ValueType.of(feature.type());
			if (type == null) {
				throw invalid(name, "feature '" + feature.name() + "' has type '" + feature.type()
						+ "', which online predictions cannot take");
			}
			features.add(new LoadedModel.FeatureType(feature, type));
		}
		return features;
	}

	static String summary(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		message = message.lines().findFirst().orElse(message);
		return (message.length() > 300) ? message.substring(0, 300) + "…" : message;
	}

	private static CorelakeException missing(String name, String why) {
		return new CorelakeException(AiModelErrorCode.MODEL_ARTIFACT_MISSING,
				"Model " + name + " cannot serve: " + why + ".");
	}

	private static CorelakeException invalid(String name, String why) {
		return new CorelakeException(AiModelErrorCode.MODEL_ARTIFACT_INVALID,
				"Model " + name + " cannot serve: " + why + ".");
	}

	/**
	 * What a loaded version is cached under.
	 *
	 * @param model the model
	 * @param version the version
	 * @param artifact its artifact
	 */
	record Key(String model, int version, String artifact) {
	}

}
