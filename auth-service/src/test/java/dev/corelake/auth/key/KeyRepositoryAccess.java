package dev.corelake.auth.key;

import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationContext;

/**
 * Lets persistence tests in other packages use the package-private signing key store.
 *
 * @author Corelake
 */
public final class KeyRepositoryAccess {

	private final SigningKeyRepository repository;

	/**
	 * Access through a running context.
	 * @param context the context
	 */
	public KeyRepositoryAccess(ApplicationContext context) {
		this.repository = context.getBean(SigningKeyRepository.class);
	}

	/**
	 * Stores a key with dummy material.
	 * @param kid the key id
	 * @param createdAt when created
	 */
	public void insert(String kid, Instant createdAt) {
		this.repository.insert(new StoredKey(kid, "RS256", "public-" + kid, "sealed-" + kid, createdAt, null));
	}

	/**
	 * The stored keys as {@code kid@retiredAt}, oldest first.
	 * @return the keys
	 */
	public List<String> describe() {
		return this.repository.findAll().stream().map((key) -> key.kid() + "@" + key.retiredAt()).toList();
	}

	/**
	 * Retires a key.
	 * @param kid the key id
	 * @param at when
	 * @return whether this call retired it
	 */
	public boolean retire(String kid, Instant at) {
		return this.repository.retire(kid, at);
	}

	/**
	 * Deletes keys retired before a cutoff.
	 * @param cutoff the cutoff
	 * @return how many
	 */
	public int deleteRetiredBefore(Instant cutoff) {
		return this.repository.deleteRetiredBefore(cutoff);
	}

}
