package dev.corelake.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.corelake.auth.system.AuthProperties;
import dev.corelake.auth.system.Secrets;
import dev.corelake.auth.user.UserSessionsEnded;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Revokes tokens: access tokens go on a denylist by {@code jti} (kept until they expire,
 * published through the revocation feed); refresh tokens are revoked with their whole
 * family, and so are the access tokens issued with them.
 *
 * @author Corelake
 */
@Service
public class Revocations {

	/**
	 * How far before {@code since} the feed looks back: a revocation committed a moment
	 * after another replica answered (or stamped by a clock slightly behind) is still
	 * delivered. Consumers treat the feed as a set, so repeats are harmless.
	 */
	static final Duration FEED_OVERLAP = Duration.ofSeconds(5);

	private static final Log log = LogFactory.getLog(Revocations.class);

	private final RevokedTokenRepository revoked;

	private final RefreshTokenRepository refreshTokens;

	private final AuthProperties properties;

	private final Clock clock;

	Revocations(RevokedTokenRepository revoked, RefreshTokenRepository refreshTokens, AuthProperties properties,
			Clock clock) {
		this.revoked = revoked;
		this.refreshTokens = refreshTokens;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Whether an access token was revoked.
	 * @param jti the token's id
	 * @return {@code true} when it is on the denylist
	 */
	@Transactional(readOnly = true)
	public boolean isRevoked(String jti) {
		return this.revoked.isRevoked(jti);
	}

	@Transactional
	void revokeAccessToken(String jti, Instant expiresAt) {
		this.revoked.revoke(jti, expiresAt, this.clock.instant());
	}

	/**
	 * Revokes the family of a refresh token given by value.
	 * @param refreshToken the token
	 * @return whether it was a known refresh token
	 */
	@Transactional
	boolean revokeRefreshToken(String refreshToken) {
		Optional<RefreshTokenRepository.StoredRefreshToken> stored = this.refreshTokens
			.find(Secrets.sha256(refreshToken));
		stored.ifPresent((token) -> revokeFamily(token.familyId()));
		return stored.isPresent();
	}

	@Transactional
	void revokeFamily(String familyId) {
		Instant now = this.clock.instant();
		for (RefreshTokenRepository.IssuedAccess access : this.refreshTokens.revokeFamily(familyId, now)) {
			this.revoked.revoke(access.jti(), access.expiresAt(), now);
		}
	}

	/**
	 * Ends every session of a user whose password, roles or enabled flag changed.
	 * @param event the change
	 */
	@EventListener
	@Transactional
	public void onUserSessionsEnded(UserSessionsEnded event) {
		List<String> families = this.refreshTokens.liveFamiliesOf(event.username(), this.clock.instant());
		families.forEach(this::revokeFamily);
		log.info("Revoked " + families.size() + " session(s) of user '" + event.username() + "' (" + event.reason()
				+ ")");
	}

	/**
	 * The revocation feed: access tokens revoked after {@code since} (less
	 * {@link #FEED_OVERLAP}) that a resource server could still accept.
	 * @param since epoch milliseconds
	 * @return the feed
	 */
	@Transactional(readOnly = true)
	Feed feed(long since) {
		Instant now = this.clock.instant();
		Instant from = Instant.ofEpochMilli(Math.min(since, now.toEpochMilli())).minus(FEED_OVERLAP);
		List<FeedEntry> entries = this.revoked.revokedSince(from, now.minus(this.properties.clockSkew()))
			.stream()
			.map((entry) -> new FeedEntry(entry.jti(), entry.expiresAt()))
			.toList();
		return new Feed(now.toEpochMilli(), entries);
	}

	/**
	 * Drops denylist entries and refresh tokens no resource server could accept any more.
	 */
	@Scheduled(initialDelayString = "${corelake.auth.maintenance-interval:PT1M}",
			fixedDelayString = "${corelake.auth.maintenance-interval:PT1M}")
	@Transactional
	public void purgeExpired() {
		Instant cutoff = this.clock.instant().minus(this.properties.clockSkew());
		int tokens = this.revoked.deleteExpiredBefore(cutoff);
		int refresh = this.refreshTokens.deleteExpiredBefore(cutoff);
		if (tokens + refresh > 0) {
			log.debug("Purged " + tokens + " expired denylist entries and " + refresh + " expired refresh tokens");
		}
	}

	/**
	 * The answer of the revocation feed.
	 *
	 * @param asOf epoch milliseconds of this answer; the next poll's {@code since}
	 * @param revoked the revoked tokens
	 */
	record Feed(long asOf, List<FeedEntry> revoked) {
	}

	/**
	 * One revoked access token.
	 *
	 * @param jti its id
	 * @param expiresAt when it expires; it can be forgotten after that
	 */
	record FeedEntry(String jti, Instant expiresAt) {
	}

}
