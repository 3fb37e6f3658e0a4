package dev.corelake.sync.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.corelake.sync.system.SqlTimes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs, checkpoints and run logs in the service's database. Every change of state is a
 * compare-and-set on the state (and, while running, on the instance holding the run), so
 * two instances never both move one run.
 *
 * @author Corelake
 */
@Repository
public class RunRepository {

	private static final String SELECT = "select r.*, j.name as job_name, j.dataset as job_dataset from sync_run r join sync_job j on j.id = r.job_id ";

	private final JdbcClient jdbc;

	RunRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Run insert(long jobId, String trigger, String requestedBy, Instant now) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("insert into sync_run (job_id, state, trigger_kind, requested_by, queued_at, updated_at) "
					+ "values (?, 'QUEUED', ?, ?, ?, ?)")
			.params(jobId, trigger, requestedBy, SqlTimes.of(now), SqlTimes.of(now))
			.update(keys, "id");
		return findById(keys.getKey().longValue()).orElseThrow();
	}

	/**
	 * A run by id.
	 * @param id the id
	 * @return the run
	 */
	public Optional<Run> findById(long id) {
		return this.jdbc.sql(SELECT + "where r.id = ?").param(id).query(RunRepository::map).optional();
	}

	List<Run> pageByJob(long jobId, int offset, int limit) {
		return this.jdbc.sql(SELECT + "where r.job_id = ? order by r.id desc limit ? offset ?")
			.params(jobId, limit, offset)
			.query(RunRepository::map)
			.list();
	}

	long countByJob(long jobId) {
		return this.jdbc.sql("select count(*) from sync_run where job_id = ?").param(jobId).query(Long.class).single();
	}

	boolean cancelQueued(long id, Instant now) {
		return this.jdbc
			.sql("update sync_run set state = 'CANCELLED', error_detail = 'Cancelled before it started.', "
					+ "finished_at = ?, updated_at = ? where id = ? and state = 'QUEUED'")
			.params(SqlTimes.of(now), SqlTimes.of(now), id)
			.update() == 1;
	}

	boolean requestCancel(long id, Instant now) {
		return this.jdbc
			.sql("update sync_run set cancel_requested = true, updated_at = ? where id = ? and state = 'RUNNING'")
			.params(SqlTimes.of(now), id)
			.update() == 1;
	}

	/**
	 * Runs an instance could start: queued ones, oldest first, then running ones whose
	 * instance died (lease passed).
	 * @param now the time
	 * @param limit most runs
	 * @return the runs
	 */
	public List<Run> startable(Instant now, int limit) {
		return this.jdbc
			.sql(SELECT + "where r.state = 'QUEUED' or (r.state = 'RUNNING' and r.lease_until < ?) "
					+ "order by r.id limit ?")
			.params(SqlTimes.of(now), limit)
			.query(RunRepository::map)
			.list();
	}

	/**
	 * Locks the admission row until the transaction ends: admissions are decided one
	 * instance at a time.
	 */
	public void lockAdmission() {
		this.jdbc.sql("select name from sync_admission where name = 'runs' for update").query(String.class).single();
	}

	/**
	 * Running runs with a live lease, per source.
	 * @param now the time
	 * @return source id to count
	 */
	public Map<Long, Integer> runningPerSource(Instant now) {
		Map<Long, Integer> counts = new HashMap<>();
		this.jdbc
			.sql("select j.source_id, count(*) as n from sync_run r join sync_job j on j.id = r.job_id "
					+ "where r.state = 'RUNNING' and r.lease_until >= ? group by j.source_id")
			.param(SqlTimes.of(now))
			.query((rs) -> {
				counts.put(rs.getLong("source_id"), rs.getInt("n"));
			});
		return counts;
	}

	/**
	 * Claims a queued run, or a running run whose lease has passed, for an instance.
	 * @param id the run
	 * @param instance the instance
	 * @param now the time
	 * @param leaseUntil the new lease
	 * @return {@code true} when claimed
	 */
	public boolean claim(long id, String instance, Instant now, Instant leaseUntil) {
		return this.jdbc
			.sql("update sync_run set state = 'RUNNING', owner_instance = ?, lease_until = ?, attempt = attempt + 1, "
					+ "started_at = coalesce(started_at, ?), updated_at = ? "
					+ "where id = ? and (state = 'QUEUED' or (state = 'RUNNING' and lease_until < ?))")
			.params(instance, SqlTimes.of(leaseUntil), SqlTimes.of(now), SqlTimes.of(now), id, SqlTimes.of(now))
			.update() == 1;
	}

	/**
	 * Extends an instance's hold on a running run and stores its progress.
	 * @param id the run
	 * @param instance the instance
	 * @param leaseUntil the new lease
	 * @param progress the progress
	 * @param now the time
	 * @return whether the instance still holds the run
	 */
	public boolean renew(long id, String instance, Instant leaseUntil, RunProgress progress, Instant now) {
		return this.jdbc
			.sql("update sync_run set lease_until = ?, rows_read = ?, rows_written = ?, rows_rejected = ?, "
					+ "bytes_read = ?, bytes_written = ?, updated_at = ? "
					+ "where id = ? and owner_instance = ? and state = 'RUNNING'")
			.params(SqlTimes.of(leaseUntil), progress.rowsRead(), progress.rowsWritten(), progress.rowsRejected(),
					progress.bytesRead(), progress.bytesWritten(), SqlTimes.of(now), id, instance)
			.update() == 1;
	}

	/**
	 * Whether a cancel was asked for.
	 * @param id the run
	 * @return {@code true} when asked
	 */
	public boolean cancelRequested(long id) {
		return this.jdbc.sql("select cancel_requested from sync_run where id = ?")
			.param(id)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/**
	 * Stores what a run reads and the source's totals, fixed at its first start.
	 * @param id the run
	 * @param instance the instance holding it
	 * @param planJson the plan
	 * @param totalRows total rows, or {@code null}
	 * @param totalBytes total bytes, or {@code null}
	 * @return whether the instance still holds the run
	 */
	public boolean setPlan(long id, String instance, String planJson, Long totalRows, Long totalBytes) {
		return this.jdbc
			.sql("update sync_run set plan_json = ?, total_rows = ?, total_bytes = ? "
					+ "where id = ? and owner_instance = ? and state = 'RUNNING'")
			.params(planJson, totalRows, totalBytes, id, instance)
			.update() == 1;
	}

	/**
	 * Records a chunk, if the instance still holds the run (in one transaction).
	 * @param id the run
	 * @param instance the instance
	 * @param checkpoint the chunk
	 * @param progress the progress after it
	 * @param leaseUntil the new lease
	 * @param now the time
	 * @return whether it was recorded
	 */
	@Transactional
	public boolean checkpoint(long id, String instance, Checkpoint checkpoint, RunProgress progress, Instant leaseUntil,
			Instant now) {
		if (!renew(id, instance, leaseUntil, progress, now)) {
			return false;
		}
		this.jdbc
			.sql("insert into sync_checkpoint (run_id, seq, part, rejects_part, row_count, rejected, bytes, "
					+ "source_bytes, position_json, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(id, checkpoint.seq(), checkpoint.part(), checkpoint.rejectsPart(), checkpoint.rows(),
					checkpoint.rejected(), checkpoint.bytes(), checkpoint.sourceBytes(), checkpoint.positionJson(),
					SqlTimes.of(now))
			.update();
		return true;
	}

	/**
	 * Forgets the chunks of a run that must start over (its rows have no fixed order).
	 * @param id the run
	 * @param instance the instance holding it
	 * @return whether the instance still holds the run
	 */
	@Transactional
	public boolean restart(long id, String instance) {
		int held = this.jdbc
			.sql("update sync_run set rows_read = 0, rows_written = 0, rows_rejected = 0, bytes_read = 0, "
					+ "bytes_written = 0 where id = ? and owner_instance = ? and state = 'RUNNING'")
			.params(id, instance)
			.update();
		if (held == 1) {
			this.jdbc.sql("delete from sync_checkpoint where run_id = ?").param(id).update();
		}
		return held == 1;
	}

	/**
	 * Lets go of the running runs of an instance that is shutting down, so that another
	 * (or the restarted) instance resumes them at once.
	 * @param instance the instance
	 * @param now the time
	 * @return how many
	 */
	public int release(String instance, Instant now) {
		return this.jdbc.sql("update sync_run set lease_until = ? where owner_instance = ? and state = 'RUNNING'")
			.params(SqlTimes.of(now.minusMillis(1)), instance)
			.update();
	}

	/**
	 * The chunks of a run, in order.
	 * @param id the run
	 * @return the checkpoints
	 */
	public List<Checkpoint> checkpoints(long id) {
		return this.jdbc.sql("select * from sync_checkpoint where run_id = ? order by seq")
			.param(id)
			.query((rs, row) -> new Checkpoint(rs.getInt("seq"), rs.getString("part"), rs.getString("rejects_part"),
					rs.getLong("row_count"), rs.getLong("rejected"), rs.getLong("bytes"), rs.getLong("source_bytes"),
					rs.getString("position_json")))
			.list();
	}

	/**
	 * Moves a run held by an instance from running to committing.
	 * @param id the run
	 * @param instance the instance
	 * @param progress final counts
	 * @param now the time
	 * @param leaseUntil until when this instance's first registration attempt holds it
	 * @param planJson the plan completed by the pull (an incremental file run's new
	 * mark), or {@code null} to keep the stored one
	 * @return whether it moved
	 */
	public boolean toCommitting(long id, String instance, RunProgress progress, Instant now, Instant leaseUntil,
			String planJson) {
		return this.jdbc
			.sql("update sync_run set state = 'COMMITTING', lease_until = ?, rows_read = ?, rows_written = ?, "
					+ "rows_rejected = ?, bytes_read = ?, bytes_written = ?, updated_at = ?, "
					+ "plan_json = coalesce(?, plan_json) where id = ? and owner_instance = ? and state = 'RUNNING'")
			.params(SqlTimes.of(leaseUntil), progress.rowsRead(), progress.rowsWritten(), progress.rowsRejected(),
					progress.bytesRead(), progress.bytesWritten(), SqlTimes.of(now), planJson, id, instance)
			.update() == 1;
	}

	/**
	 * Ends a running run held by an instance as failed or cancelled.
	 * @param id the run
	 * @param instance the instance
	 * @param state {@code FAILED} or {@code CANCELLED}
	 * @param errorCode the code, or {@code null}
	 * @param detail what happened
	 * @param progress final counts
	 * @param now the time
	 * @return whether it ended here
	 */
	public boolean endRunning(long id, String instance, RunState state, String errorCode, String detail,
			RunProgress progress, Instant now) {
		RunState.RUNNING.checkMove(state);
		return this.jdbc
			.sql("update sync_run set state = ?, error_code = ?, error_detail = ?, rows_read = ?, rows_written = ?, "
					+ "rows_rejected = ?, bytes_read = ?, bytes_written = ?, finished_at = ?, updated_at = ?, "
					+ "lease_until = null where id = ? and owner_instance = ? and state = 'RUNNING'")
			.params(state.name(), errorCode, truncate(detail), progress.rowsRead(), progress.rowsWritten(),
					progress.rowsRejected(), progress.bytesRead(), progress.bytesWritten(), SqlTimes.of(now),
					SqlTimes.of(now), id, instance)
			.update() == 1;
	}

	/**
	 * Committing runs whose next registration attempt is due.
	 * @param now the time
	 * @param limit most runs
	 * @return the runs
	 */
	public List<Run> committable(Instant now, int limit) {
		return this.jdbc.sql(SELECT + "where r.state = 'COMMITTING' and r.lease_until <= ? order by r.id limit ?")
			.params(SqlTimes.of(now), limit)
			.query(RunRepository::map)
			.list();
	}

	/**
	 * Claims a committing run for one registration attempt.
	 * @param id the run
	 * @param instance the instance
	 * @param expected the lease the instance saw
	 * @param leaseUntil until when the attempt holds it
	 * @return whether claimed
	 */
	public boolean claimCommit(long id, String instance, Instant expected, Instant leaseUntil) {
		return this.jdbc
			.sql("update sync_run set owner_instance = ?, lease_until = ? "
					+ "where id = ? and state = 'COMMITTING' and lease_until = ?")
			.params(instance, SqlTimes.of(leaseUntil), id, SqlTimes.of(expected))
			.update() == 1;
	}

	/**
	 * Sets when the next registration attempt of a committing run is due.
	 * @param id the run
	 * @param instance the instance that tried
	 * @param at the time
	 * @param detail why the attempt failed
	 */
	public void postponeCommit(long id, String instance, Instant at, String detail) {
		this.jdbc
			.sql("update sync_run set lease_until = ?, error_detail = ? "
					+ "where id = ? and state = 'COMMITTING' and owner_instance = ?")
			.params(SqlTimes.of(at), truncate(detail), id, instance)
			.update();
	}

	/**
	 * Ends a committing run.
	 * @param id the run
	 * @param state {@code SUCCEEDED} or {@code FAILED}
	 * @param errorCode the code, or {@code null}
	 * @param detail what happened, or {@code null}
	 * @param version the registered version, or {@code null}
	 * @param location the committed location, or {@code null}
	 * @param now the time
	 * @return whether it ended here
	 */
	public boolean endCommitting(long id, RunState state, String errorCode, String detail, Integer version,
			String location, Instant now) {
		RunState.COMMITTING.checkMove(state);
		return this.jdbc
			.sql("update sync_run set state = ?, error_code = ?, error_detail = ?, dataset_version = ?, location = ?, "
					+ "finished_at = ?, updated_at = ?, lease_until = null where id = ? and state = 'COMMITTING'")
			.params(state.name(), errorCode, truncate(detail), version, location, SqlTimes.of(now), SqlTimes.of(now),
					id)
			.update() == 1;
	}

	/**
	 * Adds a log line to a run, keeping at most a number of lines.
	 * @param id the run
	 * @param level {@code INFO}, {@code WARN} or {@code ERROR}
	 * @param message the line
	 * @param now the time
	 * @param keep most lines kept
	 */
	public void log(long id, String level, String message, Instant now, int keep) {
		this.jdbc.sql("insert into sync_run_log (run_id, at, level, message) values (?, ?, ?, ?)")
			.params(id, SqlTimes.of(now), level, truncate(message))
			.update();
		this.jdbc
			.sql("delete from sync_run_log where run_id = ? and id <= "
					+ "(select max(id) from sync_run_log where run_id = ?) - ?")
			.params(id, id, keep)
			.update();
	}

	List<RunLogLine> logs(long id, long after, int limit) {
		return this.jdbc.sql("select * from sync_run_log where run_id = ? and id > ? order by id limit ?")
			.params(id, after, limit)
			.query((rs, row) -> new RunLogLine(rs.getLong("id"), SqlTimes.instant(rs, "at"), rs.getString("level"),
					rs.getString("message")))
			.list();
	}

	private static String truncate(String text) {
		return (text == null || text.length() <= 2000) ? text : text.substring(0, 1999) + "…";
	}

	private static Run map(ResultSet rs, int row) throws SQLException {
		long totalRows = rs.getLong("total_rows");
		Long totalRowsValue = rs.wasNull() ? null : totalRows;
		long totalBytes = rs.getLong("total_bytes");
		Long totalBytesValue = rs.wasNull() ? null : totalBytes;
		int version = rs.getInt("dataset_version");
		Integer versionValue = rs.wasNull() ? null : version;
		RunProgress progress = new RunProgress(rs.getLong("rows_read"), rs.getLong("rows_written"),
				rs.getLong("rows_rejected"), rs.getLong("bytes_read"), rs.getLong("bytes_written"), totalRowsValue,
				totalBytesValue);
		return new Run(rs.getLong("id"), rs.getLong("job_id"), rs.getString("job_name"), rs.getString("job_dataset"),
				RunState.valueOf(rs.getString("state")), rs.getString("trigger_kind"), rs.getString("requested_by"),
				rs.getBoolean("cancel_requested"), rs.getString("owner_instance"), SqlTimes.instant(rs, "lease_until"),
				rs.getInt("attempt"), progress, rs.getString("plan_json"), rs.getString("error_code"),
				rs.getString("error_detail"), versionValue, rs.getString("location"), SqlTimes.instant(rs, "queued_at"),
				SqlTimes.instant(rs, "started_at"), SqlTimes.instant(rs, "finished_at"));
	}

}
