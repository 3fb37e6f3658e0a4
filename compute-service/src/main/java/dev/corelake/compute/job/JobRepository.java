package dev.corelake.compute.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.corelake.compute.ml.PredictionSpec;
import dev.corelake.compute.ml.TrainingSpec;
import dev.corelake.compute.system.ComputeProperties.RunnerKind;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores jobs and their log lines. Every state change is a compare-and-set on the state
 * column, so a job changes state exactly once even when the runner, a cancel request, a
 * timeout and a pod watch race for it.
 *
 * @author Corelake
 */
@Repository
public class JobRepository {

	private static final TypeReference<List<ResolvedInput>> INPUTS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final int maxLogLines;

	/**
	 * Creates the repository.
	 * @param jdbc the database
	 * @param json JSON for inputs
	 * @param clock the clock
	 * @param properties settings (log lines kept)
	 */
	public JobRepository(JdbcClient jdbc, JsonMapper json, Clock clock,
			dev.corelake.compute.system.ComputeProperties properties) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.maxLogLines = properties.jobs().maxLogLines();
	}

	/**
	 * Stores a new job.
	 * @param job the job
	 */
	public void insert(ComputeJob job) {
		this.jdbc
			.sql("""
					insert into compute_job (id, kind, owner, state, runner, sql_text, output_dataset, spec_json, inputs_json,
					  cores, memory_bytes, timeout_seconds, max_retries, attempt, created_at, updated_at,
					  executor_count, executor_cores, executor_memory_bytes)
					values (:id, :kind, :owner, :state, :runner, :sql, :output, :spec, :inputs, :cores, :memory, :timeout,
					  :retries, :attempt, :created, :created, :executorCount, :executorCores, :executorMemory)""")
			.param("id", job.id())
			.param("kind", job.kind().name())
			.param("owner", job.owner())
			.param("state", job.state().name())
			.param("runner", job.runner().name())
			.param("sql", job.sql())
			.param("output", job.output())
			.param("spec",
					(job.training() != null || job.prediction() != null)
							? this.json.writeValueAsString(new Spec(job.training(), job.prediction())) : null)
			.param("inputs", this.json.writeValueAsString(job.inputs()))
			.param("cores", job.cores())
			.param("memory", job.memoryBytes())
			.param("timeout", job.timeoutSeconds())
			.param("retries", job.maxRetries())
			.param("attempt", job.attempt())
			.param("created", utc(job.createdAt()))
			.param("executorCount", (job.executors() != null) ? job.executors().count() : null, Types.INTEGER)
			.param("executorCores", (job.executors() != null) ? job.executors().cores() : null, Types.INTEGER)
			.param("executorMemory", (job.executors() != null) ? job.executors().memoryBytes() : null, Types.BIGINT)
			.update();
	}

	/**
	 * Reads a job.
	 * @param id the id
	 * @return the job, if stored
	 */
	public Optional<ComputeJob> find(String id) {
		return this.jdbc.sql("select * from compute_job where id = :id").param("id", id).query(this::map).optional();
	}

	/**
	 * Lists jobs, newest first.
	 * @param owner only this owner's, or every job when {@code null}
	 * @param state only in this state, or any when {@code null}
	 * @param page page number from 0
	 * @param size page size
	 * @return the page
	 */
	public List<ComputeJob> list(String owner, JobState state, int page, int size) {
		return this.jdbc.sql("""
				select * from compute_job
				where (cast(:owner as varchar) is null or owner = :owner)
				  and (cast(:state as varchar) is null or state = :state)
				order by created_at desc, id
				limit :size offset :offset""")
			.param("owner", owner)
			.param("state", (state != null) ? state.name() : null)
			.param("size", size)
			.param("offset", (long) page * size)
			.query(this::map)
			.list();
	}

	/**
	 * Counts jobs.
	 * @param owner only this owner's, or every job when {@code null}
	 * @param state only in this state, or any when {@code null}
	 * @return the count
	 */
	public long count(String owner, JobState state) {
		return this.jdbc.sql("""
				select count(*) from compute_job
				where (cast(:owner as varchar) is null or owner = :owner)
				  and (cast(:state as varchar) is null or state = :state)""")
			.param("owner", owner)
			.param("state", (state != null) ? state.name() : null)
			.query(Long.class)
			.single();
	}

	/**
	 * Jobs in some states.
	 * @param states the states
	 * @param runner only those of this runner
	 * @return the jobs, oldest first
	 */
	public List<ComputeJob> inStates(Collection<JobState> states, RunnerKind runner) {
		return this.jdbc
			.sql("select * from compute_job where state in (:states) and runner = :runner order by created_at")
			.param("states", states.stream().map(Enum::name).toList())
			.param("runner", runner.name())
			.query(this::map)
			.list();
	}

	/**
	 * Counts the jobs that have not finished.
	 * @return queued, running and committing jobs
	 */
	public long countUnfinished() {
		return this.jdbc.sql("select count(*) from compute_job where state in ('QUEUED', 'RUNNING', 'COMMITTING')")
			.query(Long.class)
			.single();
	}

	/**
	 * Starts a run: queued → running, with the next attempt number.
	 * @param id the job
	 * @return the job as started, or empty when it was not queued (cancelled meanwhile)
	 */
	@Transactional
	public Optional<ComputeJob> start(String id) {
		int updated = this.jdbc.sql("""
				update compute_job set state = 'RUNNING', attempt = attempt + 1, started_at = :now, updated_at = :now,
				  stages_done = 0, stages_total = 0, tasks_done = 0, tasks_total = 0
				where id = :id and state = 'QUEUED' and cancel_requested = false""")
			.param("id", id)
			.param("now", now())
			.update();
		return (updated == 1) ? find(id) : Optional.empty();
	}

	/**
	 * Moves a job from one of some states to another, setting what it finished with.
	 * @param id the job
	 * @param from the states it may be in
	 * @param to the new state
	 * @param errorCode the error code, or {@code null}
	 * @param error the error, or {@code null}
	 * @return whether the job was in one of {@code from}
	 */
	public boolean transition(String id, Collection<JobState> from, JobState to, String errorCode, String error) {
		return this.jdbc.sql("""
				update compute_job set state = :to, error_code = :code, error_message = :error, updated_at = :now,
				  finished_at = case when :finished then :now else finished_at end
				where id = :id and state in (:from)""")
			.param("id", id)
			.param("from", from.stream().map(Enum::name).toList())
			.param("to", to.name())
			.param("code", errorCode)
			.param("error", truncate(error, 4000))
			.param("finished", to.isFinished())
			.param("now", now())
			.update() == 1;
	}

	/**
	 * Stores a job's result.
	 * @param id the job
	 * @param resultJson the result
	 * @param outputVersion the registered version, or {@code null}
	 */
	public void result(String id, String resultJson, Integer outputVersion) {
		this.jdbc.sql(
				"update compute_job set result_json = :result, output_version = :version, updated_at = :now where id = :id")
			.param("id", id)
			.param("result", resultJson)
			.param("version", outputVersion)
			.param("now", now())
			.update();
	}

	/**
	 * Marks a job for cancelling, unless it has finished.
	 * @param id the job
	 * @return whether it had not finished
	 */
	public boolean requestCancel(String id) {
		return this.jdbc.sql("""
				update compute_job set cancel_requested = true, updated_at = :now
				where id = :id and state in ('QUEUED', 'RUNNING')""").param("id", id).param("now", now()).update() == 1;
	}

	/**
	 * Stores a job's progress (while it runs, and once more when its Spark work ends).
	 * @param id the job
	 * @param progress the progress
	 */
	public void progress(String id, JobProgress progress) {
		this.jdbc.sql("""
				update compute_job set stages_done = :sd, stages_total = :st, tasks_done = :td, tasks_total = :tt
				where id = :id""")
			.param("id", id)
			.param("sd", progress.stagesDone())
			.param("st", progress.stagesTotal())
			.param("td", progress.tasksDone())
			.param("tt", progress.tasksTotal())
			.update();
	}

	/**
	 * Adds a line to a job's log, dropping the oldest beyond the limit.
	 * @param id the job
	 * @param level {@code INFO}, {@code WARN} or {@code ERROR}
	 * @param message the line
	 */
	public void log(String id, String level, String message) {
		this.jdbc.sql("insert into compute_job_log (job_id, at, level, message) values (:id, :at, :level, :message)")
			.param("id", id)
			.param("at", now())
			.param("level", level)
			.param("message", truncate(message, 4000))
			.update();
		this.jdbc.sql("""
				delete from compute_job_log where job_id = :id and id <= (
				  select max(id) - :keep from compute_job_log where job_id = :id)""")
			.param("id", id)
			.param("keep", this.maxLogLines)
			.update();
	}

	/**
	 * A job's log.
	 * @param id the job
	 * @return its lines, oldest first
	 */
	public List<JobLogLine> logs(String id) {
		return this.jdbc.sql("select at, level, message from compute_job_log where job_id = :id order by id")
			.param("id", id)
			.query((rs, row) -> new JobLogLine(instant(rs, "at"), rs.getString("level"), rs.getString("message")))
			.list();
	}

	/**
	 * Removes every job (tests).
	 */
	void deleteAll() {
		this.jdbc.sql("delete from compute_job").update();
	}

	private OffsetDateTime now() {
		return utc(this.clock.instant());
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static String truncate(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

	private ComputeJob map(ResultSet rs, int row) throws SQLException {
		Integer outputVersion = rs.getObject("output_version", Integer.class);
		String specJson = rs.getString("spec_json");
		Spec spec = (specJson != null) ? this.json.readValue(specJson, Spec.class) : new Spec(null, null);
		return new ComputeJob(rs.getString("id"), JobKind.valueOf(rs.getString("kind")), rs.getString("owner"),
				JobState.valueOf(rs.getString("state")), RunnerKind.valueOf(rs.getString("runner")),
				rs.getString("sql_text"), rs.getString("output_dataset"), spec.training(), spec.prediction(),
				this.json.readValue(rs.getString("inputs_json"), INPUTS), rs.getInt("cores"),
				rs.getLong("memory_bytes"), rs.getInt("timeout_seconds"), rs.getInt("max_retries"),
				rs.getInt("attempt"), rs.getBoolean("cancel_requested"),
				new JobProgress(rs.getInt("stages_done"), rs.getInt("stages_total"), rs.getInt("tasks_done"),
						rs.getInt("tasks_total")),
				rs.getString("error_code"), rs.getString("error_message"), rs.getString("result_json"), outputVersion,
				instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
				instant(rs, "updated_at"), executors(rs));
	}

	private static Executors executors(ResultSet rs) throws SQLException {
		Integer count = rs.getObject("executor_count", Integer.class);
		return (count != null) ? new Executors(count, rs.getInt("executor_cores"), rs.getLong("executor_memory_bytes"))
				: null;
	}

	/**
	 * What a train or predict job runs, as stored.
	 *
	 * @param training the training
	 * @param prediction the prediction
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Spec(TrainingSpec training, PredictionSpec prediction) {
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
