package dev.corelake.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.client.RestClient;

/**
 * The ids ({@code jti}) of access tokens revoked before they expired, learned by polling
 * auth-service's revocation feed. A token whose id is listed is refused. When
 * auth-service cannot be reached the list is kept as it is, so revocations already
 * learned stay in force.
 *
 * @author Corelake
 */
public class RevokedTokens implements OAuth2TokenValidator<Jwt> {

	private static final Log log = LogFactory.getLog(RevokedTokens.class);

	private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

	private final RestClient feed;

	private final Clock clock;

	private final Duration clockSkew;

	private volatile long since;

	private volatile Instant lastSuccess;

	/**
	 * Creates the list.
	 * @param feed client whose base URL is the revocation feed (with timeouts)
	 * @param clock the clock
	 * @param clockSkew how long past its expiry a token is still accepted; a revocation
	 * is kept that much longer
	 */
	public RevokedTokens(RestClient feed, Clock clock, Duration clockSkew) {
		this.feed = feed;
		this.clock = clock;
		this.clockSkew = clockSkew;
	}

	/** Reads what was revoked since the last successful read; called on a schedule. */
	public void poll() {
		try {
			Feed answer = this.feed.get()
				.uri((builder) -> builder.queryParam("since", this.since).build())
				.retrieve()
				.body(Feed.class);
			if (answer == null) {
				return;
			}
			if (answer.revoked() != null) {
				answer.revoked()
					.stream()
					.filter((entry) -> entry.jti() != null && entry.expiresAt() != null)
					.forEach((entry) -> this.revoked.put(entry.jti(), entry.expiresAt()));
			}
			// overlap by a second so that a revocation recorded while we read is not
			// missed
			this.since = Math.max(0, answer.asOf() - 1000);
			this.lastSuccess = this.clock.instant();
			// the decoder accepts a token until expiry plus the skew, so keep its
			// revocation as long
			Instant horizon = this.clock.instant().minus(this.clockSkew);
			this.revoked.values().removeIf((expiresAt) -> expiresAt.isBefore(horizon));
		}
		catch (RuntimeException ex) {
			if (log.isDebugEnabled()) {
				log.debug("Revocation feed unreachable; keeping " + this.revoked.size() + " known revocations", ex);
			}
		}
	}

	/**
	 * Records a revocation learned another way (for example, this service's own logout).
	 * @param jti the token id
	 * @param expiresAt when the token expires anyway
	 */
	public void revoke(String jti, Instant expiresAt) {
		this.revoked.put(jti, expiresAt);
	}

	/**
	 * Whether a token id is revoked.
	 * @param jti the token id
	 * @return {@code true} when revoked
	 */
	public boolean isRevoked(String jti) {
		return jti != null && this.revoked.containsKey(jti);
	}

	/**
	 * How long ago the feed was last read successfully.
	 * @return the age, or {@code null} when it never was
	 */
	public Duration age() {
		Instant last = this.lastSuccess;
		return (last != null) ? Duration.between(last, this.clock.instant()) : null;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		if (isRevoked(token.getId())) {
			return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token was revoked", null));
		}
		return OAuth2TokenValidatorResult.success();
	}

	/**
	 * The feed's answer.
	 *
	 * @param asOf when the answer was made, epoch milliseconds
	 * @param revoked revoked, unexpired token ids
	 */
	record Feed(long asOf, List<Entry> revoked) {
	}

	/**
	 * One revoked token.
	 *
	 * @param jti its id
	 * @param expiresAt when it expires
	 */
	record Entry(String jti, Instant expiresAt) {
	}

}
