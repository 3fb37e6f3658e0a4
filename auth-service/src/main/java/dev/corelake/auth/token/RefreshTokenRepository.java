package dev.corelake.auth.token;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.corelake.auth.system.JdbcTimes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores refresh tokens by their SHA-256 hash; the tokens themselves are never stored.
 *
 * @author Corelake
 */
@Repository
class RefreshTokenRepository {

	private static final String COLUMNS = "token_hash, family_id, username, issued_at, expires_at, used_at,"
			+ " revoked_at, access_jti, access_expires_at";

	private final JdbcClient jdbc;

	RefreshTokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(StoredRefreshToken token) {
		this.jdbc
			.sql("insert into refresh_token (" + COLUMNS + ") values (:hash, :family, :username, :issuedAt,"
					+ " :expiresAt, :usedAt, :revokedAt, :accessJti, :accessExpiresAt)")
			.param("hash", token.hash())
			.param("family", token.familyId())
			.param("username", token.username())
			.param("issuedAt", JdbcTimes.at(token.issuedAt()))
			.param("expiresAt", JdbcTimes.at(token.expiresAt()))
			.param("usedAt", JdbcTimes.at(token.usedAt()))
			.param("revokedAt", JdbcTimes.at(token.revokedAt()))
			.param("accessJti", token.accessJti())
			.param("accessExpiresAt", JdbcTimes.at(token.accessExpiresAt()))
			.update();
	}

	Optional<StoredRefreshToken> find(String hash) {
		return this.jdbc.sql("select " + COLUMNS + " from refresh_token where token_hash = :hash")
			.param("hash", hash)
			.query((rs, row) -> new StoredRefreshToken(rs.getString("token_hash"), rs.getString("family_id"),
					rs.getString("username"), JdbcTimes.instant(rs, "issued_at"), JdbcTimes.instant(rs, "expires_at"),
					JdbcTimes.instant(rs, "used_at"), JdbcTimes.instant(rs, "revoked_at"), rs.getString("access_jti"),
					JdbcTimes.instant(rs, "access_expires_at")))
			.optional();
	}

	/**
	 * Marks a token used, atomically: of two concurrent uses only one succeeds.
	 * @param hash the token's hash
	 * @param now the time of use
	 * @return {@code true} when this call used it
	 */
	boolean markUsed(String hash, Instant now) {
		return this.jdbc
			.sql("update refresh_token set used_at = :now"
					+ " where token_hash = :hash and used_at is null and revoked_at is null")
			.param("now", JdbcTimes.at(now))
			.param("hash", hash)
			.update() == 1;
	}

	/**
	 * Revokes every token of a family.
	 * @param familyId the family
	 * @param now the time of revocation
	 * @return the access tokens issued with the family's tokens that have not expired
	 */
	List<IssuedAccess> revokeFamily(String familyId, Instant now) {
		this.jdbc.sql("update refresh_token set revoked_at = :now where family_id = :family and revoked_at is null")
			.param("now", JdbcTimes.at(now))
			.param("family", familyId)
			.update();
		return this.jdbc
			.sql("select access_jti, access_expires_at from refresh_token"
					+ " where family_id = :family and access_expires_at > :now")
			.param("family", familyId)
			.param("now", JdbcTimes.at(now))
			.query((rs, row) -> new IssuedAccess(rs.getString("access_jti"),
					JdbcTimes.instant(rs, "access_expires_at")))
			.list();
	}

	/**
	 * The families of a user that still have a live token.
	 * @param username the user
	 * @param now the current time
	 * @return the family ids
	 */
	List<String> liveFamiliesOf(String username, Instant now) {
		return this.jdbc
			.sql("select distinct family_id from refresh_token where username = :username and revoked_at is null"
					+ " and (expires_at > :now or access_expires_at > :now)")
			.param("username", username)
			.param("now", JdbcTimes.at(now))
			.query(String.class)
			.list();
	}

	/**
	 * Deletes tokens that expired before a cutoff, along with their access tokens.
	 * @param cutoff the cutoff
	 * @return how many were deleted
	 */
	int deleteExpiredBefore(Instant cutoff) {
		return this.jdbc.sql("delete from refresh_token where expires_at < :cutoff and access_expires_at < :cutoff")
			.param("cutoff", JdbcTimes.at(cutoff))
			.update();
	}

	/**
	 * A refresh token as stored.
	 *
	 * @param hash SHA-256 of the token
	 * @param familyId the login it descends from
	 * @param username its user
	 * @param issuedAt when it was issued
	 * @param expiresAt when it expires
	 * @param usedAt when it was exchanged, or {@code null}
	 * @param revokedAt when its family was revoked, or {@code null}
	 * @param accessJti the access token issued with it
	 * @param accessExpiresAt when that access token expires
	 */
	record StoredRefreshToken(String hash, String familyId, String username, Instant issuedAt, Instant expiresAt,
			Instant usedAt, Instant revokedAt, String accessJti, Instant accessExpiresAt) {
	}

	/**
	 * An access token issued along with a refresh token.
	 *
	 * @param jti its id
	 * @param expiresAt its expiry
	 */
	record IssuedAccess(String jti, Instant expiresAt) {
	}

}
