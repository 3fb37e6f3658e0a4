package dev.corelake.auth.token;

import java.time.Instant;
import java.util.List;

import dev.corelake.auth.system.JdbcTimes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The denylist of revoked access tokens, by {@code jti}, kept until they expire.
 *
 * @author Corelake
 */
@Repository
class RevokedTokenRepository {

	private final JdbcClient jdbc;

	RevokedTokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds a token to the denylist; adding it again changes nothing.
	 * @param jti the token id
	 * @param expiresAt when the token expires
	 * @param now the time of revocation
	 */
	void revoke(String jti, Instant expiresAt, Instant now) {
		this.jdbc
			.sql("insert into revoked_access_token (jti, revoked_at, expires_at) values (:jti, :now, :expiresAt)"
					+ " on conflict do nothing")
			.param("jti", jti)
			.param("now", JdbcTimes.at(now))
			.param("expiresAt", JdbcTimes.at(expiresAt))
			.update();
	}

	boolean isRevoked(String jti) {
		return this.jdbc.sql("select count(*) from revoked_access_token where jti = :jti")
			.param("jti", jti)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Tokens revoked after a time that expire after another.
	 * @param revokedAfter lower bound (exclusive) of the revocation time
	 * @param expiringAfter lower bound (exclusive) of the expiry
	 * @return the tokens, in order of revocation
	 */
	List<Revoked> revokedSince(Instant revokedAfter, Instant expiringAfter) {
		return this.jdbc
			.sql("select jti, revoked_at, expires_at from revoked_access_token"
					+ " where revoked_at > :revokedAfter and expires_at > :expiringAfter order by revoked_at, jti")
			.param("revokedAfter", JdbcTimes.at(revokedAfter))
			.param("expiringAfter", JdbcTimes.at(expiringAfter))
			.query((rs, row) -> new Revoked(rs.getString("jti"), JdbcTimes.instant(rs, "revoked_at"),
					JdbcTimes.instant(rs, "expires_at")))
			.list();
	}

	int deleteExpiredBefore(Instant cutoff) {
		return this.jdbc.sql("delete from revoked_access_token where expires_at < :cutoff")
			.param("cutoff", JdbcTimes.at(cutoff))
			.update();
	}

	/**
	 * A denylisted token.
	 *
	 * @param jti its id
	 * @param revokedAt when it was revoked
	 * @param expiresAt when it expires
	 */
	record Revoked(String jti, Instant revokedAt, Instant expiresAt) {
	}

}
