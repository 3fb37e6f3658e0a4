package dev.corelake.model.training;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores training runs. A state change is a compare-and-set on the state and progress, so
 * the background refresh and a refresh on read never both apply the same change.
 *
 * @author Corelake
 */
@Repository
class TrainingRepository {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	TrainingRepository(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	Instant now() {
		return this.clock.instant();
	}

	void insert(TrainingRun run) {
		this.jdbc
			.sql("""
					insert into training_run (id, model, owner, state, progress, compute_job_id, algorithm, dataset,
					  request_json, created_at, updated_at)
					values (:id, :model, :owner, :state, :progress, :job, :algorithm, :dataset, :request, :created, :created)""")
			.param("id", run.id())
			.param("model", run.model())
			.param("owner", run.owner())
			.param("state", run.state().name())
			.param("progress", run.progress())
			.param("job", run.computeJobId())
			.param("algorithm", run.algorithm())
			.param("dataset", run.dataset())
			.param("request", this.json.writeValueAsString(run.request()))
			.param("created", utc(run.createdAt()))
			.update();
	}

	Optional<TrainingRun> find(String model, String id) {
		return this.jdbc.sql("select * from training_run where model = :model and id = :id")
			.param("model", model)
			.param("id", id)
			.query(this::run)
			.optional();
	}

	List<TrainingRun> list(String model, int offset, int limit) {
		return this.jdbc.sql(
				"select * from training_run where model = :model order by created_at desc, id limit :limit offset :offset")
			.param("model", model)
			.param("limit", limit)
			.param("offset", offset)
			.query(this::run)
			.list();
	}

	long count(String model) {
		return this.jdbc.sql("select count(*) from training_run where model = :model")
			.param("model", model)
			.query(Long.class)
			.single();
	}

	List<TrainingRun> unfinished(int limit) {
		return this.jdbc
			.sql("select * from training_run where state in ('QUEUED', 'RUNNING') order by updated_at limit :limit")
			.param("limit", limit)
			.query(this::run)
			.list();
	}

	/**
	 * Applies a change if the run is still as it was read.
	 * @return {@code false} when another refresh came first
	 */
	boolean update(TrainingRun before, RunState state, int progress, Map<String, Object> result, Integer modelVersion,
			String errorCode, String errorMessage) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				update training_run set state = :state, progress = :progress, result_json = :result,
				  model_version = :version, error_code = :errorCode, error_message = :errorMessage, updated_at = :now,
				  finished_at = :finished
				where id = :id and state = :before and progress = :beforeProgress""")
			.param("state", state.name())
			.param("progress", progress)
			.param("result", (result != null) ? this.json.writeValueAsString(result) : null)
			.param("version", modelVersion)
			.param("errorCode", errorCode)
			.param("errorMessage", errorMessage)
			.param("now", utc(now))
			.param("finished", state.isFinished() ? utc(now) : null)
			.param("id", before.id())
			.param("before", before.state().name())
			.param("beforeProgress", before.progress())
			.update() == 1;
	}

	@SuppressWarnings("unchecked")
	private TrainingRun run(ResultSet rs, int row) throws SQLException {
		String result = rs.getString("result_json");
		return new TrainingRun(rs.getString("id"), rs.getString("model"), rs.getString("owner"),
				RunState.valueOf(rs.getString("state")), rs.getInt("progress"), rs.getString("compute_job_id"),
				rs.getString("algorithm"), rs.getString("dataset"),
				this.json.readValue(rs.getString("request_json"), LinkedHashMap.class),
				(result != null) ? this.json.readValue(result, LinkedHashMap.class) : null,
				rs.getObject("model_version", Integer.class), rs.getString("error_code"), rs.getString("error_message"),
				instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "finished_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
