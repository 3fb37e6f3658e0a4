package dev.corelake.auth.client;

import java.time.Instant;
import java.util.Set;

import org.springframework.context.ApplicationContext;

/**
 * Lets persistence tests in other packages use the package-private API client store.
 *
 * @author Corelake
 */
public final class ClientRepositoryAccess {

	private final ApiClientRepository repository;

	/**
	 * Access through a running context.
	 * @param context the context
	 */
	public ClientRepositoryAccess(ApplicationContext context) {
		this.repository = context.getBean(ApiClientRepository.class);
	}

	/**
	 * Stores a new client.
	 * @param clientId the client id
	 * @param scopes the scopes
	 * @param now creation time
	 * @return the stored client
	 */
	public ApiClient save(String clientId, Set<String> scopes, Instant now) {
		return this.repository.save(new ApiClient(clientId, "0".repeat(64), "described", scopes, now));
	}

	/**
	 * Reads a client.
	 * @param clientId the client id
	 * @return the client
	 */
	public ApiClient find(String clientId) {
		return this.repository.findByClientId(clientId).orElse(null);
	}

	/** Deletes every client. */
	public void deleteAll() {
		this.repository.deleteAll();
	}

}
