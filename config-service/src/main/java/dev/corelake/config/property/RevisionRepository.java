package dev.corelake.config.property;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The revisions of every namespace and profile ({@code config_revision}).
 *
 * @author Corelake
 */
@Repository
class RevisionRepository {

	private final JdbcClient jdbc;

	private final SnapshotCodec codec;

	RevisionRepository(JdbcClient jdbc, SnapshotCodec codec) {
		this.jdbc = jdbc;
		this.codec = codec;
	}

	void insert(Revision revision) {
		this.jdbc
			.sql("insert into config_revision (revision, namespace, profile, author, created_at, message, snapshot,"
					+ " changes) values (:revision, :namespace, :profile, :author, :createdAt, :message, :snapshot,"
					+ " :changes)")
			.param("revision", revision.revision())
			.param("namespace", revision.key().namespace())
			.param("profile", revision.key().profile())
			.param("author", revision.author())
			.param("createdAt", Timestamp.from(revision.createdAt()))
			.param("message", revision.message())
			.param("snapshot", this.codec.writeSnapshot(revision.key(), revision.snapshot()))
			.param("changes", this.codec.writeChanges(revision.key(), revision.changes()))
			.update();
	}

	Optional<Revision> find(ScopeKey key, long revision) {
		return this.jdbc
			.sql("select * from config_revision where revision = :revision and namespace = :namespace"
					+ " and profile = :profile")
			.param("revision", revision)
			.param("namespace", key.namespace())
			.param("profile", key.profile())
			.query(this::map)
			.optional();
	}

	List<Revision> page(ScopeKey key, int page, int size) {
		return this.jdbc
			.sql("select * from config_revision where namespace = :namespace and profile = :profile"
					+ " order by revision desc limit :limit offset :offset")
			.param("namespace", key.namespace())
			.param("profile", key.profile())
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(this::map)
			.list();
	}

	long count(ScopeKey key) {
		return this.jdbc.sql("select count(*) from config_revision where namespace = :namespace and profile = :profile")
			.param("namespace", key.namespace())
			.param("profile", key.profile())
			.query(Long.class)
			.single();
	}

	private Revision map(ResultSet rs, int row) throws SQLException {
		ScopeKey key = new ScopeKey(rs.getString("namespace"), rs.getString("profile"));
		return new Revision(rs.getLong("revision"), key, rs.getString("author"),
				rs.getTimestamp("created_at").toInstant(), rs.getString("message"),
				this.codec.readSnapshot(key, rs.getString("snapshot")),
				this.codec.readChanges(key, rs.getString("changes")));
	}

}
