package dev.corelake.model.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores models, their versions, aliases and alias history. Alias moves are
 * compare-and-set on the alias revision, so two moves never both win.
 *
 * @author Corelake
 */
@Repository
public class RegistryRepository {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	RegistryRepository(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Reads a model.
	 * @param name the name
	 * @return it, if it exists
	 */
	public Optional<Model> findModel(String name) {
		return this.jdbc.sql("select * from model where name = :name")
			.param("name", name)
			.query(RegistryRepository::model)
			.optional();
	}

	/**
	 * Creates a model unless one of that name exists.
	 * @param name the name
	 * @param owner its owner
	 * @param description its description
	 * @return {@code true} when it was created
	 */
	public boolean createModel(String name, String owner, String description) {
		OffsetDateTime now = utc(this.clock.instant());
		try {
			return this.jdbc.sql("""
					insert into model (name, owner, description, readers, created_at, updated_at)
					values (:name, :owner, :description, '', :now, :now)""")
				.param("name", name)
				.param("owner", owner)
				.param("description", description)
				.param("now", now)
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * Models, by name.
	 * @param reader only those this user may read, or {@code null} for all
	 * @param offset rows to skip
	 * @param limit most rows
	 * @return the models
	 */
	public List<Model> models(String reader, int offset, int limit) {
		return this.jdbc.sql("select * from model" + visibleTo(reader) + " order by name limit :limit offset :offset")
			.params(visibleParams(reader))
			.param("limit", limit)
			.param("offset", offset)
			.query(RegistryRepository::model)
			.list();
	}

	/**
	 * How many models a user may read.
	 * @param reader the user, or {@code null} for all
	 * @return the count
	 */
	public long countModels(String reader) {
		return this.jdbc.sql("select count(*) from model" + visibleTo(reader))
			.params(visibleParams(reader))
			.query(Long.class)
			.single();
	}

	private static String visibleTo(String reader) {
		return (reader != null) ? " where owner = :reader or readers like :readerEntry or readers like '%,*,%'" : "";
	}

	private static java.util.Map<String, Object> visibleParams(String reader) {
		return (reader != null) ? java.util.Map.of("reader", reader, "readerEntry", "%," + escapeLike(reader) + ",%")
				: java.util.Map.of();
	}

	private static String escapeLike(String value) {
		// LIKE's wildcards in a name match only themselves (backslash: the default
		// escape)
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * Replaces a model's readers.
	 * @param name the model
	 * @param readers the new readers
	 */
	public void updateReaders(String name, Set<String> readers) {
		this.jdbc.sql("update model set readers = :readers, updated_at = :now where name = :name")
			.param("readers", readers.isEmpty() ? "" : "," + String.join(",", readers) + ",")
			.param("now", utc(this.clock.instant()))
			.param("name", name)
			.update();
	}

	/**
	 * Registers a version unless it is registered already.
	 * @param version the version
	 * @return {@code true} when it was new
	 */
	public boolean insertVersion(ModelVersion version) {
		ModelCard card = version.card();
		try {
			return this.jdbc.sql("""
					insert into model_version (model, version, artifact, algorithm, task, metrics_json, params_json,
					  features_json, label_json, dataset, dataset_version, train_rows, test_rows, training_run_id,
					  compute_job_id, seed, test_fraction, created_at)
					values (:model, :version, :artifact, :algorithm, :task, :metrics, :params, :features, :label,
					  :dataset, :datasetVersion, :trainRows, :testRows, :run, :job, :seed, :testFraction, :created)""")
				.param("model", version.model())
				.param("version", version.version())
				.param("artifact", card.artifact())
				.param("algorithm", card.algorithm())
				.param("task", card.task())
				.param("metrics",
						this.json.writeValueAsString((card.metrics() != null) ? card.metrics() : java.util.Map.of()))
				.param("params",
						this.json.writeValueAsString((card.params() != null) ? card.params() : java.util.Map.of()))
				.param("features",
						this.json.writeValueAsString((card.featureSchema() != null) ? card.featureSchema() : List.of()))
				.param("label", (card.label() != null) ? this.json.writeValueAsString(card.label()) : null)
				.param("dataset", card.dataset())
				.param("datasetVersion", card.datasetVersion())
				.param("trainRows", card.trainRows())
				.param("testRows", card.testRows())
				.param("run", version.trainingRunId())
				.param("job", version.computeJobId())
				.param("seed", card.seed())
				.param("testFraction", card.testFraction())
				.param("created", utc(version.createdAt()))
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * A version.
	 * @param model the model
	 * @param version the number
	 * @return it, if registered
	 */
	public Optional<ModelVersion> findVersion(String model, int version) {
		return this.jdbc.sql("select * from model_version where model = :model and version = :version")
			.param("model", model)
			.param("version", version)
			.query(this::version)
			.optional();
	}

	/**
	 * A model's versions, newest first.
	 * @param model the model
	 * @return the versions
	 */
	public List<ModelVersion> versions(String model) {
		return this.jdbc.sql("select * from model_version where model = :model order by version desc")
			.param("model", model)
			.query(this::version)
			.list();
	}

	/**
	 * How many versions a model has.
	 * @param model the model
	 * @return the count
	 */
	public int countVersions(String model) {
		return this.jdbc.sql("select count(*) from model_version where model = :model")
			.param("model", model)
			.query(Integer.class)
			.single();
	}

	/**
	 * An alias.
	 * @param model the model
	 * @param alias the alias
	 * @return it, if set
	 */
	public Optional<Alias> findAlias(String model, String alias) {
		return this.jdbc.sql("select * from model_alias where model = :model and alias = :alias")
			.param("model", model)
			.param("alias", alias)
			.query(RegistryRepository::alias)
			.optional();
	}

	/**
	 * A model's aliases, by name.
	 * @param model the model
	 * @return the aliases
	 */
	public List<Alias> aliases(String model) {
		return this.jdbc.sql("select * from model_alias where model = :model order by alias")
			.param("model", model)
			.query(RegistryRepository::alias)
			.list();
	}

	/**
	 * Creates an alias.
	 * @param model the model
	 * @param alias the alias
	 * @param version where it points
	 * @param by who
	 * @return {@code false} when it exists already (a concurrent creation won)
	 */
	boolean insertAlias(String model, String alias, int version, String by) {
		try {
			return this.jdbc.sql("""
					insert into model_alias (model, alias, version, revision, updated_by, updated_at)
					values (:model, :alias, :version, 1, :by, :now)""")
				.param("model", model)
				.param("alias", alias)
				.param("version", version)
				.param("by", by)
				.param("now", utc(this.clock.instant()))
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * Moves an alias if it still has the expected revision.
	 * @param model the model
	 * @param alias the alias
	 * @param version where it points now
	 * @param expectedRevision the revision the move is based on
	 * @param by who
	 * @return {@code false} when another move came first
	 */
	boolean moveAlias(String model, String alias, int version, long expectedRevision, String by) {
		return this.jdbc.sql("""
				update model_alias set version = :version, revision = revision + 1, updated_by = :by, updated_at = :now
				where model = :model and alias = :alias and revision = :revision""")
			.param("version", version)
			.param("by", by)
			.param("now", utc(this.clock.instant()))
			.param("model", model)
			.param("alias", alias)
			.param("revision", expectedRevision)
			.update() == 1;
	}

	/**
	 * Deletes an alias if it still has the expected revision.
	 * @param model the model
	 * @param alias the alias
	 * @param expectedRevision the revision the deletion is based on
	 * @return {@code false} when another change came first
	 */
	boolean deleteAlias(String model, String alias, long expectedRevision) {
		return this.jdbc.sql("delete from model_alias where model = :model and alias = :alias and revision = :revision")
			.param("model", model)
			.param("alias", alias)
			.param("revision", expectedRevision)
			.update() == 1;
	}

	/**
	 * Records a change of an alias.
	 * @param model the model
	 * @param move the change
	 */
	void recordMove(String model, AliasMove move) {
		this.jdbc.sql("""
				insert into model_alias_history (model, alias, from_version, to_version, moved_by, moved_at)
				values (:model, :alias, :from, :to, :by, :at)""")
			.param("model", model)
			.param("alias", move.alias())
			.param("from", move.fromVersion())
			.param("to", move.toVersion())
			.param("by", move.movedBy())
			.param("at", utc(move.movedAt()))
			.update();
	}

	/**
	 * The changes of an alias, newest first.
	 * @param model the model
	 * @param alias the alias
	 * @param limit most entries
	 * @return the changes
	 */
	public List<AliasMove> history(String model, String alias, int limit) {
		return this.jdbc.sql("""
				select * from model_alias_history where model = :model and alias = :alias
				order by id desc limit :limit""")
			.param("model", model)
			.param("alias", alias)
			.param("limit", limit)
			.query((rs, row) -> new AliasMove(rs.getString("alias"), rs.getObject("from_version", Integer.class),
					rs.getObject("to_version", Integer.class), rs.getString("moved_by"), instant(rs, "moved_at")))
			.list();
	}

	/**
	 * The current time.
	 * @return now
	 */
	Instant now() {
		return this.clock.instant();
	}

	private static Model model(ResultSet rs, int row) throws SQLException {
		String readers = rs.getString("readers");
		Set<String> set = (readers == null || readers.isEmpty()) ? Set.of()
				: Arrays.stream(readers.split(","))
					.filter((reader) -> !reader.isEmpty())
					.collect(Collectors.toCollection(LinkedHashSet::new));
		return new Model(rs.getString("name"), rs.getString("owner"), rs.getString("description"), set,
				instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	private static Alias alias(ResultSet rs, int row) throws SQLException {
		return new Alias(rs.getString("alias"), rs.getInt("version"), rs.getLong("revision"),
				rs.getString("updated_by"), instant(rs, "updated_at"));
	}

	@SuppressWarnings("unchecked")
	private ModelVersion version(ResultSet rs, int row) throws SQLException {
		String label = rs.getString("label_json");
		ModelCard card = new ModelCard(rs.getString("model"), rs.getInt("version"), rs.getString("artifact"),
				rs.getString("task"), rs.getString("algorithm"),
				this.json.readValue(rs.getString("metrics_json"), java.util.LinkedHashMap.class),
				List.of(this.json.readValue(rs.getString("features_json"), Feature[].class)),
				(label != null) ? this.json.readValue(label, Feature.class) : null,
				rs.getObject("train_rows", Long.class), rs.getObject("test_rows", Long.class), rs.getString("dataset"),
				rs.getObject("dataset_version", Integer.class),
				this.json.readValue(rs.getString("params_json"), java.util.LinkedHashMap.class),
				rs.getObject("seed", Long.class), rs.getObject("test_fraction", Double.class));
		return new ModelVersion(rs.getString("model"), rs.getInt("version"), card, rs.getString("training_run_id"),
				rs.getString("compute_job_id"), instant(rs, "created_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
