package dev.corelake.config.property;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which namespaces and profiles exist and the revision of each one's last change
 * ({@code config_scope}).
 *
 * @author Corelake
 */
@Repository
class ScopeRepository {

	private final JdbcClient jdbc;

	ScopeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Long> revision(ScopeKey key) {
		return this.jdbc.sql("select revision from config_scope where namespace = :namespace and profile = :profile")
			.param("namespace", key.namespace())
			.param("profile", key.profile())
			.query(Long.class)
			.optional();
	}

	void insert(ScopeKey key, long revision, Instant now) {
		this.jdbc
			.sql("insert into config_scope (namespace, profile, revision, updated_at)"
					+ " values (:namespace, :profile, :revision, :now)")
			.param("namespace", key.namespace())
			.param("profile", key.profile())
			.param("revision", revision)
			.param("now", Timestamp.from(now))
			.update();
	}

	boolean update(ScopeKey key, long expected, long revision, Instant now) {
		return this.jdbc
			.sql("update config_scope set revision = :revision, updated_at = :now"
					+ " where namespace = :namespace and profile = :profile and revision = :expected")
			.param("namespace", key.namespace())
			.param("profile", key.profile())
			.param("expected", expected)
			.param("revision", revision)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	long maxRevision(Collection<String> namespaces, Collection<String> profiles) {
		return this.jdbc
			.sql("select coalesce(max(revision), 0) from config_scope"
					+ " where namespace in (:namespaces) and profile in (:profiles)")
			.param("namespaces", namespaces)
			.param("profiles", profiles)
			.query(Long.class)
			.single();
	}

	List<ScopeKey> changedSince(long revision) {
		return this.jdbc.sql("select namespace, profile from config_scope where revision > :revision")
			.param("revision", revision)
			.query((rs, row) -> new ScopeKey(rs.getString("namespace"), rs.getString("profile")))
			.list();
	}

	List<ScopeSummary> page(int page, int size) {
		return this.jdbc.sql("select * from config_scope order by namespace, profile limit :limit offset :offset")
			.param("limit", size)
			.param("offset", (long) page * size)
			.query((rs, row) -> new ScopeSummary(rs.getString("namespace"), rs.getString("profile"),
					rs.getLong("revision"), rs.getTimestamp("updated_at").toInstant()))
			.list();
	}

	long count() {
		return this.jdbc.sql("select count(*) from config_scope").query(Long.class).single();
	}

	/**
	 * A namespace and profile in a listing.
	 *
	 * @param namespace namespace
	 * @param profile profile
	 * @param revision revision of its last change
	 * @param updatedAt time of its last change
	 */
	record ScopeSummary(String namespace, String profile, long revision, Instant updatedAt) {
	}

}
