package dev.corelake.model.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.model.system.AiModelErrorCode;
import dev.corelake.model.system.ModelAccess;
import dev.corelake.platform.web.PageResponse;
import dev.corelake.platform.web.Preconditions;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The registry: models and who may see them, versions, aliases (moved atomically, with
 * history) and comparisons.
 *
 * @author Corelake
 */
@Service
public class RegistryService {

	/** Attempts of an alias move that races with others before giving up. */
	static final int MOVE_ATTEMPTS = 20;

	/** Most readers of a model. */
	static final int MAX_READERS = 200;

	private final RegistryRepository repository;

	private final ModelAccess access;

	private final TransactionTemplate transactions;

	RegistryService(RegistryRepository repository, ModelAccess access, TransactionTemplate transactions) {
		this.repository = repository;
		this.access = access;
		this.transactions = transactions;
	}

	/**
	 * A model the caller may read.
	 * @param name the model
	 * @return it
	 * @throws CorelakeException 404 {@code MODEL_NOT_FOUND} when absent or not readable
	 */
	public Model readable(String name) {
		Model model = this.repository.findModel(name).orElseThrow(() -> notFound(name));
		if (!this.access.caller().canRead(model.owner(), model.readers())) {
			throw notFound(name);
		}
		return model;
	}

	/**
	 * A model the caller may change.
	 * @param name the model
	 * @return it
	 * @throws CorelakeException 404 when not readable, 403 when readable only
	 */
	public Model writable(String name) {
		Model model = readable(name);
		if (!this.access.caller().canWrite(model.owner())) {
			throw new CorelakeException(CommonErrorCode.ACCESS_DENIED,
					"Only the owner of model '" + name + "' or an administrator may change it.");
		}
		return model;
	}

	/**
	 * Makes sure a model exists for a training run: creates it, owned by the caller, or
	 * checks that the caller may change the existing one.
	 * @param name the model
	 * @param description its description, used when it is created
	 * @return the model
	 */
	public Model createOrWritable(String name, String description) {
		ModelAccess.Caller caller = this.access.caller();
		caller.requireCreate();
		if (this.repository.findModel(name).isEmpty()) {
			this.repository.createModel(name, caller.name(), description);
		}
		return writable(name);
	}

	/**
	 * The models the caller may read.
	 * @param page page number
	 * @param size page size
	 * @return the page
	 */
	public PageResponse<Model> models(int page, int size) {
		ModelAccess.Caller caller = this.access.caller();
		String reader = caller.readsAll() ? null : caller.name();
		long total = this.repository.countModels(reader);
		return PageResponse.of(this.repository.models(reader, page * size, size), page, size, total);
	}

	/**
	 * Shares a model with a reader, or stops sharing it.
	 * @param name the model
	 * @param principal a user name, a client id or {@code *}
	 * @param add {@code true} to add, {@code false} to remove
	 * @return the model
	 */
	public Model share(String name, String principal, boolean add) {
		Model model = writable(name);
		Set<String> readers = new LinkedHashSet<>(model.readers());
		if (add) {
			readers.add(principal);
			if (readers.size() > MAX_READERS) {
				throw new CorelakeException(CommonErrorCode.VALIDATION_FAILED,
						"A model has at most " + MAX_READERS + " readers.");
			}
		}
		else {
			readers.remove(principal);
		}
		this.repository.updateReaders(name, readers);
		return readable(name);
	}

	/**
	 * The number of versions of a model.
	 * @param name the model
	 * @return the count
	 */
	public int countVersions(String name) {
		return this.repository.countVersions(name);
	}

	/**
	 * A model's versions, newest first.
	 * @param name the model (read access checked)
	 * @return the versions
	 */
	public List<ModelVersion> versions(String name) {
		readable(name);
		return this.repository.versions(name);
	}

	/**
	 * A version.
	 * @param name the model (read access checked)
	 * @param version the number
	 * @return it
	 */
	public ModelVersion version(String name, int version) {
		readable(name);
		return this.repository.findVersion(name, version).orElseThrow(() -> versionNotFound(name, version));
	}

	/**
	 * Compares versions side by side.
	 * @param name the model
	 * @param numbers the versions
	 * @return the comparison
	 */
	public Comparison compare(String name, List<Integer> numbers) {
		readable(name);
		List<ModelVersion> versions = new ArrayList<>();
		for (int number : new LinkedHashSet<>(numbers)) {
			versions.add(this.repository.findVersion(name, number).orElseThrow(() -> versionNotFound(name, number)));
		}
		Map<String, Map<String, Object>> metrics = new LinkedHashMap<>();
		Map<String, Map<String, Object>> params = new LinkedHashMap<>();
		Map<String, Map<String, Object>> data = new LinkedHashMap<>();
		for (ModelVersion version : versions) {
			String key = Integer.toString(version.version());
			ModelCard card = version.card();
			if (card.metrics() != null) {
				card.metrics()
					.forEach((metric, value) -> metrics.computeIfAbsent(metric, (m) -> new LinkedHashMap<>())
						.put(key, value));
			}
			if (card.params() != null) {
				card.params()
					.forEach((param, value) -> params.computeIfAbsent(param, (p) -> new LinkedHashMap<>())
						.put(key, value));
			}
			Map<String, Object> source = new LinkedHashMap<>();
			source.put("algorithm", card.algorithm());
			source.put("dataset", card.dataset());
			source.put("datasetVersion", card.datasetVersion());
			source.put("trainRows", card.trainRows());
			source.put("testRows", card.testRows());
			source.put("features", (card.featureSchema() != null)
					? card.featureSchema().stream().map(Feature::name).toList() : List.of());
			source.put("label", (card.label() != null) ? card.label().name() : null);
			data.put(key, source);
		}
		List<String> differing = new ArrayList<>();
		params.forEach((param, values) -> {
			if (values.size() != versions.size() || values.values().stream().distinct().count() > 1) {
				differing.add(param);
			}
		});
		return new Comparison(name, versions.stream().map(ModelVersion::version).toList(), metrics, params, differing,
				data);
	}

	/**
	 * A model's aliases.
	 * @param name the model
	 * @return the aliases
	 */
	public List<Alias> aliases(String name) {
		readable(name);
		return this.repository.aliases(name);
	}

	/**
	 * An alias.
	 * @param name the model
	 * @param alias the alias
	 * @return it
	 */
	public Alias alias(String name, String alias) {
		readable(name);
		return this.repository.findAlias(name, alias).orElseThrow(() -> aliasNotFound(name, alias));
	}

	/**
	 * Resolves what a predict or batch prediction names: an alias (read afresh every
	 * time, so a move takes effect at once) or a version.
	 * @param name the model (read access checked)
	 * @param alias the alias, or {@code null}
	 * @param version the version, or {@code null}
	 * @return the version
	 */
	public ModelVersion resolve(String name, String alias, Integer version) {
		readable(name);
		int number = (alias != null)
				? this.repository.findAlias(name, alias).orElseThrow(() -> aliasNotFound(name, alias)).version()
				: version;
		return this.repository.findVersion(name, number).orElseThrow(() -> versionNotFound(name, number));
	}

	/**
	 * Points an alias at a version, atomically: with {@code If-Match} only if the alias
	 * is still at that revision (412 otherwise); without, after whatever move came first.
	 * @param name the model
	 * @param alias the alias
	 * @param version the version
	 * @param ifMatch the {@code If-Match} header, may be {@code null}
	 * @return the alias after the move
	 */
	public Alias setAlias(String name, String alias, int version, String ifMatch) {
		writable(name);
		if (this.repository.findVersion(name, version).isEmpty()) {
			throw versionNotFound(name, version);
		}
		String by = this.access.caller().name();
		for (int attempt = 0; attempt < MOVE_ATTEMPTS; attempt++) {
			Boolean done = this.transactions.execute((status) -> {
				Alias current = this.repository.findAlias(name, alias).orElse(null);
				checkMatch(ifMatch, current);
				if (current != null && current.version() == version) {
					// already there: nothing moves, the revision stays
					return true;
				}
				boolean changed = (current != null)
						? this.repository.moveAlias(name, alias, version, current.revision(), by)
						: this.repository.insertAlias(name, alias, version, by);
				if (changed) {
					this.repository.recordMove(name, new AliasMove(alias, (current != null) ? current.version() : null,
							version, by, this.repository.now()));
				}
				else {
					// another move came first: nothing of this attempt is kept
					status.setRollbackOnly();
				}
				return changed;
			});
			if (Boolean.TRUE.equals(done)) {
				return this.repository.findAlias(name, alias).orElseThrow(() -> aliasNotFound(name, alias));
			}
		}
		throw new CorelakeException(CommonErrorCode.CONFLICT,
				"Alias '" + alias + "' of model '" + name + "' is being moved by others; try again.");
	}

	/**
	 * Deletes an alias.
	 * @param name the model
	 * @param alias the alias
	 * @param ifMatch the {@code If-Match} header, may be {@code null}
	 */
	public void deleteAlias(String name, String alias, String ifMatch) {
		writable(name);
		String by = this.access.caller().name();
		for (int attempt = 0; attempt < MOVE_ATTEMPTS; attempt++) {
			Boolean done = this.transactions.execute((status) -> {
				Alias current = this.repository.findAlias(name, alias).orElseThrow(() -> aliasNotFound(name, alias));
				checkMatch(ifMatch, current);
				boolean deleted = this.repository.deleteAlias(name, alias, current.revision());
				if (deleted) {
					this.repository.recordMove(name,
							new AliasMove(alias, current.version(), null, by, this.repository.now()));
				}
				else {
					status.setRollbackOnly();
				}
				return deleted;
			});
			if (Boolean.TRUE.equals(done)) {
				return;
			}
		}
		throw new CorelakeException(CommonErrorCode.CONFLICT,
				"Alias '" + alias + "' of model '" + name + "' is being moved by others; try again.");
	}

	/**
	 * Who moved an alias where, newest first.
	 * @param name the model
	 * @param alias the alias
	 * @param limit most entries
	 * @return the history
	 */
	public List<AliasMove> history(String name, String alias, int limit) {
		readable(name);
		return this.repository.history(name, alias, limit);
	}

	private static void checkMatch(String ifMatch, Alias current) {
		if (ifMatch == null || ifMatch.isBlank()) {
			return;
		}
		if (current == null) {
			throw new CorelakeException(CommonErrorCode.PRECONDITION_FAILED,
					"The alias does not exist, so If-Match cannot match; send the move without it to create it.");
		}
		Preconditions.checkMatch(ifMatch, current.revision());
	}

	/**
	 * A registry-level not found.
	 * @param name the model
	 * @return the exception
	 */
	public static CorelakeException notFound(String name) {
		return new CorelakeException(AiModelErrorCode.MODEL_NOT_FOUND, "No model named '" + name + "'.");
	}

	static CorelakeException versionNotFound(String name, int version) {
		return new CorelakeException(AiModelErrorCode.MODEL_VERSION_NOT_FOUND,
				"Model '" + name + "' has no version " + version + ".");
	}

	static CorelakeException aliasNotFound(String name, String alias) {
		return new CorelakeException(AiModelErrorCode.MODEL_ALIAS_NOT_FOUND,
				"Model '" + name + "' has no alias '" + alias + "'.");
	}

	/**
	 * Versions side by side.
	 *
	 * @param model the model
	 * @param versions the versions compared
	 * @param metrics each metric by version
	 * @param params each parameter by version
	 * @param differingParams parameters whose values differ (or are missing in some)
	 * @param data what each version was trained on
	 * @author Corelake
	 */
	public record Comparison(String model, List<Integer> versions, Map<String, Map<String, Object>> metrics,
			Map<String, Map<String, Object>> params, List<String> differingParams,
			Map<String, Map<String, Object>> data) {

	}

}
