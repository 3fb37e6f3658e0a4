package dev.corelake.model.registry;

import java.time.Instant;
import java.util.Set;

/**
 * A registered model: a name, its owner and who else may read it.
 *
 * @param name the name ({@code model-<name>} is its catalog dataset)
 * @param owner who created it
 * @param description free text
 * @param readers who besides the owner may read it and call predict ({@code *}: every
 * signed-in user)
 * @param createdAt creation time
 * @param updatedAt last change
 * @author Corelake
 */
public record Model(String name, String owner, String description, Set<String> readers, Instant createdAt,
		Instant updatedAt) {

	/**
	 * Names of models: as dataset names, but short enough that {@code model-<name>} is
	 * one too.
	 */
	public static final String NAME_PATTERN = "[a-z][a-z0-9_-]{0,56}";

	/** The prefix of a model's catalog dataset. */
	public static final String DATASET_PREFIX = "model-";

	/**
	 * The catalog dataset that holds this model's versions.
	 * @param model the model name
	 * @return {@code model-<name>}
	 */
	public static String datasetOf(String model) {
		return DATASET_PREFIX + model;
	}

}
