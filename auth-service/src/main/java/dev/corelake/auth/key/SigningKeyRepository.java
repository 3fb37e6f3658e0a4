package dev.corelake.auth.key;

import java.time.Instant;
import java.util.List;

import dev.corelake.auth.system.JdbcTimes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores signing keys.
 *
 * @author Corelake
 */
@Repository
class SigningKeyRepository {

	private final JdbcClient jdbc;

	SigningKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(StoredKey key) {
		this.jdbc
			.sql("insert into signing_key (kid, algorithm, public_key, private_key, created_at, retired_at)"
					+ " values (:kid, :algorithm, :publicKey, :privateKey, :createdAt, :retiredAt)")
			.param("kid", key.kid())
			.param("algorithm", key.algorithm())
			.param("publicKey", key.publicKey())
			.param("privateKey", key.privateKey())
			.param("createdAt", JdbcTimes.at(key.createdAt()))
			.param("retiredAt", JdbcTimes.at(key.retiredAt()))
			.update();
	}

	/**
	 * Every stored key, oldest first.
	 * @return the keys
	 */
	List<StoredKey> findAll() {
		return this.jdbc
			.sql("select kid, algorithm, public_key, private_key, created_at, retired_at from signing_key"
					+ " order by created_at, kid")
			.query((rs, row) -> new StoredKey(rs.getString("kid"), rs.getString("algorithm"),
					rs.getString("public_key"), rs.getString("private_key"), JdbcTimes.instant(rs, "created_at"),
					JdbcTimes.instant(rs, "retired_at")))
			.list();
	}

	/**
	 * Retires a key unless it is retired already.
	 * @param kid the key
	 * @param at when
	 * @return {@code true} when this call retired it
	 */
	boolean retire(String kid, Instant at) {
		return this.jdbc.sql("update signing_key set retired_at = :at where kid = :kid and retired_at is null")
			.param("at", JdbcTimes.at(at))
			.param("kid", kid)
			.update() == 1;
	}

	/**
	 * Deletes keys retired before a cutoff.
	 * @param cutoff the cutoff
	 * @return how many were deleted
	 */
	int deleteRetiredBefore(Instant cutoff) {
		return this.jdbc.sql("delete from signing_key where retired_at is not null and retired_at < :cutoff")
			.param("cutoff", JdbcTimes.at(cutoff))
			.update();
	}

}
