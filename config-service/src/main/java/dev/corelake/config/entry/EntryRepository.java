package dev.corelake.config.entry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Global-state entries ({@code config_entry}).
 *
 * @author Corelake
 */
@Repository
class EntryRepository {

	private final JdbcClient jdbc;

	EntryRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Entry> find(String key) {
		return this.jdbc.sql("select * from config_entry where entry_key = :key")
			.param("key", key)
			.query(EntryRepository::map)
			.optional();
	}

	List<Entry> page(String prefix, int page, int size) {
		return this.jdbc.sql(
				"select * from config_entry where entry_key like :prefix order by entry_key limit :limit offset :offset")
			.param("prefix", prefix + "%")
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(EntryRepository::map)
			.list();
	}

	long count(String prefix) {
		return this.jdbc.sql("select count(*) from config_entry where entry_key like :prefix")
			.param("prefix", prefix + "%")
			.query(Long.class)
			.single();
	}

	void insert(Entry entry) {
		this.jdbc
			.sql("insert into config_entry (entry_key, entry_value, revision, updated_by, updated_at)"
					+ " values (:key, :value, :revision, :by, :at)")
			.param("key", entry.key())
			.param("value", entry.value())
			.param("revision", entry.revision())
			.param("by", entry.updatedBy())
			.param("at", Timestamp.from(entry.updatedAt()))
			.update();
	}

	boolean update(Entry entry, long expected) {
		return this.jdbc
			.sql("update config_entry set entry_value = :value, revision = :revision, updated_by = :by,"
					+ " updated_at = :at where entry_key = :key and revision = :expected")
			.param("key", entry.key())
			.param("value", entry.value())
			.param("revision", entry.revision())
			.param("by", entry.updatedBy())
			.param("at", Timestamp.from(entry.updatedAt()))
			.param("expected", expected)
			.update() == 1;
	}

	boolean delete(String key, long expected) {
		return this.jdbc.sql("delete from config_entry where entry_key = :key and revision = :expected")
			.param("key", key)
			.param("expected", expected)
			.update() == 1;
	}

	private static Entry map(ResultSet rs, int row) throws SQLException {
		return new Entry(rs.getString("entry_key"), rs.getString("entry_value"), rs.getLong("revision"),
				rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant());
	}

}
