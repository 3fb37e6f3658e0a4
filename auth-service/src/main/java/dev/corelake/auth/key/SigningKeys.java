package dev.corelake.auth.key;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.corelake.auth.system.AuthProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The key ring: the active RSA key that signs new tokens, and the public keys still
 * published for verification. A retired key stays published until every token it signed
 * has expired (retired-at + access-token TTL + clock skew), then it is dropped.
 * <p>
 * Keys live in the database (private halves encrypted), so replicas share them; each
 * replica caches the ring for a few seconds and reloads at once when asked for a key id
 * it does not know.
 *
 * @author Corelake
 */
@Component
public class SigningKeys implements InitializingBean {

	private static final Log log = LogFactory.getLog(SigningKeys.class);

	private static final long REFRESH_NANOS = Duration.ofSeconds(30).toNanos();

	private static final long FORCED_RELOAD_NANOS = Duration.ofSeconds(5).toNanos();

	/** Keys still signing before retired ones, then the most recent first. */
	private static final Comparator<Entry> NEWEST_FIRST = Comparator
		.comparing((Entry entry) -> entry.stored().retiredAt() != null)
		.thenComparing((Entry entry) -> entry.stored().createdAt(), Comparator.reverseOrder());

	private final SigningKeyRepository repository;

	private final KeyMaterial material;

	private final AuthProperties properties;

	private final Clock clock;

	private final TransactionTemplate transaction;

	/**
	 * Not {@code synchronized}: it is held across JDBC calls, which would pin virtual
	 * threads.
	 */
	private final ReentrantLock lock = new ReentrantLock();

	private final AtomicLong lastForcedReload = new AtomicLong(System.nanoTime() - FORCED_RELOAD_NANOS);

	private volatile Ring ring;

	private volatile Signer signer;

	SigningKeys(SigningKeyRepository repository, AuthProperties properties, Environment environment, Clock clock,
			SecureRandom random, PlatformTransactionManager transactionManager) {
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactionManager);
		this.material = new KeyMaterial(KeyEncryption.load(Path.of(properties.keys().encryptionKeyFile()),
				!environment.matchesProfiles("prod"), random), random);
	}

	@Override
	public void afterPropertiesSet() {
		if (reload().active() == null) {
			rotate();
		}
		// Fail at startup, not at the first login, when the keys cannot be decrypted
		signer();
	}

	/**
	 * The key new tokens are signed with.
	 * @return the active signer
	 */
	public Signer signer() {
		Entry active = current().active();
		if (active == null) {
			active = reload().active();
			if (active == null) {
				throw new IllegalStateException("No active signing key");
			}
		}
		Signer cached = this.signer;
		if (cached != null && cached.kid().equals(active.stored().kid())) {
			return cached;
		}
		Signer fresh = new Signer(active.stored().kid(), this.material.privateKey(active.stored()));
		this.signer = fresh;
		return fresh;
	}

	/**
	 * The public keys that verify tokens now: the active key and retired keys within
	 * their grace, newest first.
	 * @return the keys, public halves only
	 */
	public List<RSAKey> published() {
		Instant now = this.clock.instant();
		Duration grace = this.properties.retiredKeyGrace();
		return current().entries()
			.stream()
			.filter((entry) -> entry.stored().retiredAt() == null
					|| entry.stored().retiredAt().plus(grace).isAfter(now))
			.sorted(NEWEST_FIRST)
			.map(Entry::jwk)
			.toList();
	}

	/**
	 * The published keys as a Nimbus key source, for this service's own token decoder. A
	 * key id it does not know triggers one reload from the database (at most every few
	 * seconds), so keys rotated by another replica are found at once.
	 * @return the key source
	 */
	public JWKSource<SecurityContext> jwkSource() {
		return (selector, context) -> {
			List<JWK> found = selector.select(new JWKSet(List.copyOf(published())));
			if (found.isEmpty() && mayForceReload()) {
				reload();
				found = selector.select(new JWKSet(List.copyOf(published())));
			}
			return found;
		};
	}

	/**
	 * Makes a new key the active one and retires the current one, which stays published
	 * for its grace period.
	 * @return the new key
	 */
	KeyView rotate() {
		this.lock.lock();
		try {
			return rotateLocked();
		}
		finally {
			this.lock.unlock();
		}
	}

	private KeyView rotateLocked() {
		Ring before = reload();
		Instant now = this.clock.instant();
		StoredKey fresh = this.material.generate(now);
		this.transaction.executeWithoutResult((status) -> {
			before.entries()
				.stream()
				.filter((entry) -> entry.stored().retiredAt() == null)
				.forEach((entry) -> this.repository.retire(entry.stored().kid(), now));
			this.repository.insert(fresh);
		});
		reload();
		log.info("Signing key " + fresh.kid() + " is now active"
				+ ((before.active() != null) ? "; " + before.active().stored().kid() + " is retired" : ""));
		return view(fresh, true);
	}

	/**
	 * Every stored key, newest first, as the admin API shows them.
	 * @return the keys
	 */
	List<KeyView> describe() {
		Ring current = reload();
		Entry active = current.active();
		return current.entries()
			.stream()
			.sorted(NEWEST_FIRST)
			.map((entry) -> view(entry.stored(), entry == active))
			.toList();
	}

	/**
	 * Rotates the active key when it is older than the rotation period, retires keys left
	 * active beside it (two replicas rotating at once) and drops retired keys whose grace
	 * is over.
	 */
	@Scheduled(initialDelayString = "${corelake.auth.maintenance-interval:PT1M}",
			fixedDelayString = "${corelake.auth.maintenance-interval:PT1M}")
	public void maintain() {
		Ring current = reload();
		Instant now = this.clock.instant();
		Entry active = current.active();
		if (active == null || !active.stored().createdAt().plus(this.properties.keys().rotationPeriod()).isAfter(now)) {
			rotate();
		}
		else {
			current.entries()
				.stream()
				.filter((entry) -> entry != active && entry.stored().retiredAt() == null)
				.forEach((entry) -> this.repository.retire(entry.stored().kid(), now));
		}
		int dropped = this.repository.deleteRetiredBefore(now.minus(this.properties.retiredKeyGrace()));
		if (dropped > 0) {
			log.info("Dropped " + dropped + " retired signing key(s) whose tokens have all expired");
		}
		reload();
	}

	private KeyView view(StoredKey key, boolean active) {
		Instant until = (key.retiredAt() != null) ? key.retiredAt().plus(this.properties.retiredKeyGrace()) : null;
		return new KeyView(key.kid(), key.algorithm(), active, key.createdAt(), key.retiredAt(), until);
	}

	private boolean mayForceReload() {
		long last = this.lastForcedReload.get();
		long now = System.nanoTime();
		return now - last >= FORCED_RELOAD_NANOS && this.lastForcedReload.compareAndSet(last, now);
	}

	private Ring current() {
		Ring current = this.ring;
		if (current == null || System.nanoTime() - current.loadedAt() > REFRESH_NANOS) {
			current = reload();
		}
		return current;
	}

	private Ring reload() {
		this.lock.lock();
		try {
			List<Entry> entries = this.repository.findAll().stream().map(SigningKeys::entry).toList();
			Ring loaded = new Ring(entries, System.nanoTime());
			this.ring = loaded;
			return loaded;
		}
		finally {
			this.lock.unlock();
		}
	}

	private static Entry entry(StoredKey stored) {
		return new Entry(stored, KeyMaterial.publicJwk(stored));
	}

	/**
	 * A loaded key.
	 *
	 * @param stored as stored
	 * @param jwk its public JWK
	 */
	private record Entry(StoredKey stored, RSAKey jwk) {
	}

	/**
	 * The keys as last loaded.
	 *
	 * @param entries the keys, oldest first
	 * @param loadedAt {@link System#nanoTime()} of the load
	 */
	private record Ring(List<Entry> entries, long loadedAt) {

		/** The newest key that is not retired. */
		Entry active() {
			Entry active = null;
			for (Entry entry : this.entries) {
				if (entry.stored().retiredAt() == null) {
					active = entry;
				}
			}
			return active;
		}

	}

}
