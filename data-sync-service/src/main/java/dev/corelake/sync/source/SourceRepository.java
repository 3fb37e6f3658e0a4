package dev.corelake.sync.source;

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
 * Sources in the service's database.
 *
 * @author Corelake
 */
@Repository
public class SourceRepository {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	SourceRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	Source insert(String name, String owner, SourceKind kind, String description, SourceSettings settings,
			Instant now) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("insert into sync_source (name, owner, kind, description, settings_json, created_at) "
					+ "values (?, ?, ?, ?, ?, ?)")
			.params(name, owner, kind.name(), description, this.json.writeValueAsString(settings), SqlTimes.of(now))
			.update(keys, "id");
		return new Source(keys.getKey().longValue(), name, owner, kind, description, settings, now);
	}

	/**
	 * A source by name.
	 * @param name the name
	 * @return the source
	 */
	public Optional<Source> findByName(String name) {
		return this.jdbc.sql("select * from sync_source where name = ?").param(name).query(this::map).optional();
	}

	/**
	 * A source by id.
	 * @param id the id
	 * @return the source
	 */
	public Optional<Source> findById(long id) {
		return this.jdbc.sql("select * from sync_source where id = ?").param(id).query(this::map).optional();
	}

	List<Source> page(String owner, int offset, int limit) {
		return this.jdbc
			.sql("select * from sync_source where (cast(? as varchar) is null or owner = ?) order by name "
					+ "limit ? offset ?")
			.params(owner, owner, limit, offset)
			.query(this::map)
			.list();
	}

	long count(String owner) {
		return this.jdbc.sql("select count(*) from sync_source where (cast(? as varchar) is null or owner = ?)")
			.params(owner, owner)
			.query(Long.class)
			.single();
	}

	long jobsUsing(long sourceId) {
		return this.jdbc.sql("select count(*) from sync_job where source_id = ?")
			.param(sourceId)
			.query(Long.class)
			.single();
	}

	int delete(long id) {
		return this.jdbc.sql("delete from sync_source where id = ?").param(id).update();
	}

	private Source map(ResultSet rs, int row) throws SQLException {
		return new Source(rs.getLong("id"), rs.getString("name"), rs.getString("owner"),
				SourceKind.valueOf(rs.getString("kind")), rs.getString("description"),
				this.json.readValue(rs.getString("settings_json"), SourceSettings.class),
				SqlTimes.instant(rs, "created_at"));
	}

}
