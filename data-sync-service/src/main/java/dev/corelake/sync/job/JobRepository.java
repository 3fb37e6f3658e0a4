package dev.corelake.sync.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.corelake.sync.system.SqlTimes;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Jobs in the service's database.
 *
 * @author Corelake
 */
@Repository
public class JobRepository {

	private static final String SELECT = "select j.*, s.name as source_name from sync_job j "
			+ "join sync_source s on s.id = j.source_id ";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	JobRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	Job insert(Job job) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("insert into sync_job (name, owner, owner_admin, source_id, dataset, spec_json, schedule, "
					+ "next_fire_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(job.name(), job.owner(), job.ownerAdmin(), job.sourceId(), job.dataset(),
					this.json.writeValueAsString(job.spec()), job.schedule(), SqlTimes.of(job.nextFireAt()),
					SqlTimes.of(job.createdAt()))
			.update(keys, "id");
		return findById(keys.getKey().longValue()).orElseThrow();
	}

	/**
	 * A job by name.
	 * @param name the name
	 * @return the job
	 */
	public Optional<Job> findByName(String name) {
		return this.jdbc.sql(SELECT + "where j.name = ?").param(name).query(this::map).optional();
	}

	/**
	 * A job by id.
	 * @param id the id
	 * @return the job
	 */
	public Optional<Job> findById(long id) {
		return this.jdbc.sql(SELECT + "where j.id = ?").param(id).query(this::map).optional();
	}

	/**
	 * Locks a job's row until the transaction ends (so that two requests cannot both
	 * queue a run of it).
	 * @param id the job's id
	 */
	public void lock(long id) {
		this.jdbc.sql("select id from sync_job where id = ? for update").param(id).query(Long.class).optional();
	}

	List<Job> page(String owner, int offset, int limit) {
		return this.jdbc
			.sql(SELECT + "where (cast(? as varchar) is null or j.owner = ?) order by j.name limit ? offset ?")
			.params(owner, owner, limit, offset)
			.query(this::map)
			.list();
	}

	long count(String owner) {
		return this.jdbc.sql("select count(*) from sync_job where (cast(? as varchar) is null or owner = ?)")
			.params(owner, owner)
			.query(Long.class)
			.single();
	}

	/**
	 * Runs of a job that have not finished.
	 * @param jobId the job's id
	 * @return how many
	 */
	public long activeRuns(long jobId) {
		return this.jdbc
			.sql("select count(*) from sync_run where job_id = ? and state in ('QUEUED', 'RUNNING', 'COMMITTING')")
			.param(jobId)
			.query(Long.class)
			.single();
	}

	int delete(long id) {
		return this.jdbc.sql("delete from sync_job where id = ?").param(id).update();
	}

	/**
	 * Jobs whose schedule is due.
	 * @param now the time
	 * @return the jobs
	 */
	public List<Job> due(Instant now) {
		return this.jdbc
			.sql(SELECT + "where j.next_fire_at is not null and j.next_fire_at <= ? order by j.next_fire_at")
			.param(SqlTimes.of(now))
			.query(this::map)
			.list();
	}

	/**
	 * Moves a job's next firing time, if no other instance did so first: the one instance
	 * whose update succeeds fires the schedule.
	 * @param id the job's id
	 * @param expected the firing time this instance saw
	 * @param next the following firing time
	 * @return {@code true} when this instance won
	 */
	public boolean advanceSchedule(long id, Instant expected, Instant next) {
		return this.jdbc.sql("update sync_job set next_fire_at = ? where id = ? and next_fire_at = ?")
			.params(SqlTimes.of(next), id, SqlTimes.of(expected))
			.update() == 1;
	}

	/**
	 * Sets a job's high-water mark.
	 * @param id the job's id
	 * @param highWaterMark the mark (JSON of a typed value), or {@code null}
	 */
	public void setHighWaterMark(long id, String highWaterMark) {
		this.jdbc.sql("update sync_job set high_water_mark = ? where id = ?").params(highWaterMark, id).update();
	}

	private Job map(ResultSet rs, int row) throws SQLException {
		return new Job(rs.getLong("id"), rs.getString("name"), rs.getString("owner"), rs.getBoolean("owner_admin"),
				rs.getLong("source_id"), rs.getString("source_name"), rs.getString("dataset"),
				this.json.readValue(rs.getString("spec_json"), JobSpec.class), rs.getString("schedule"),
				SqlTimes.instant(rs, "next_fire_at"), rs.getString("high_water_mark"),
				SqlTimes.instant(rs, "created_at"));
	}

}
