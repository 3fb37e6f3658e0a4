package dev.corelake.auth.client;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A program that obtains tokens with the client-credentials grant. Its secret is stored
 * only as a hash.
 *
 * @author Corelake
 */
@Table("api_client")
public class ApiClient {

	@Id
	private Long id;

	private String clientId;

	private String secretHash;

	private String description;

	private boolean enabled;

	@Version
	private Long revision;

	private Instant createdAt;

	private Instant updatedAt;

	@MappedCollection(idColumn = "api_client_id")
	private Set<ApiClientScope> scopes = new HashSet<>();

	ApiClient() {
	}

	ApiClient(String clientId, String secretHash, String description, Set<String> scopes, Instant now) {
		this.clientId = clientId;
		this.secretHash = secretHash;
		this.description = description;
		this.enabled = true;
		this.createdAt = now;
		this.updatedAt = now;
		replaceScopes(scopes);
	}

	/**
	 * The unique client id, a token's {@code sub} and {@code client_id}.
	 * @return the client id
	 */
	public String getClientId() {
		return this.clientId;
	}

	String getSecretHash() {
		return this.secretHash;
	}

	String getDescription() {
		return this.description;
	}

	/**
	 * Whether the client may obtain tokens.
	 * @return {@code true} when enabled
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * The scopes granted to the client.
	 * @return the scopes, sorted
	 */
	public Set<String> getScopes() {
		Set<String> result = new TreeSet<>();
		this.scopes.forEach((scope) -> result.add(scope.scope()));
		return result;
	}

	long getRevision() {
		return (this.revision != null) ? this.revision : 0;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getUpdatedAt() {
		return this.updatedAt;
	}

	void replaceScopes(Set<String> newScopes) {
		this.scopes = new HashSet<>();
		newScopes.forEach((scope) -> this.scopes.add(new ApiClientScope(scope)));
	}

	void describe(String description) {
		this.description = description;
	}

	void enable(boolean enabled) {
		this.enabled = enabled;
	}

	void changeSecretHash(String secretHash) {
		this.secretHash = secretHash;
	}

	void touch(Instant now) {
		this.updatedAt = now;
	}

	@Override
	public String toString() {
		return "ApiClient[" + this.clientId + "]";
	}

}
