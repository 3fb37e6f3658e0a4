package dev.corelake.auth.client;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import dev.corelake.platform.web.Preconditions;
import dev.corelake.auth.system.Secrets;
import dev.corelake.auth.system.SubjectName;
import dev.corelake.auth.system.SubjectNames;
import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.platform.web.PageResponse;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes and authenticates API clients. Secrets are generated here (256 random
 * bits), shown once, and stored only as a SHA-256 hash.
 *
 * @author Corelake
 */
@Service
public class ApiClientService {

	private static final String DUMMY_HASH = Secrets.sha256("no such client");

	private final ApiClientRepository clients;

	private final SubjectNames names;

	private final SecureRandom random;

	private final Clock clock;

	ApiClientService(ApiClientRepository clients, SubjectNames names, SecureRandom random, Clock clock) {
		this.clients = clients;
		this.names = names;
		this.random = random;
		this.clock = clock;
	}

	/**
	 * Authenticates a client by its secret. Unknown clients, wrong secrets and disabled
	 * clients all answer empty.
	 * @param clientId the client id as given
	 * @param secret the secret as given
	 * @return the client when the secret is right and the client enabled
	 */
	@Transactional(readOnly = true)
	public Optional<ApiClient> authenticate(String clientId, String secret) {
		if (clientId == null || secret == null || !SubjectName.COMPILED.matcher(clientId).matches()) {
			Secrets.matches(String.valueOf(secret), DUMMY_HASH);
			return Optional.empty();
		}
		Optional<ApiClient> client = this.clients.findByClientId(clientId);
		boolean matches = Secrets.matches(secret, client.map(ApiClient::getSecretHash).orElse(DUMMY_HASH));
		return client.filter((found) -> matches && found.isEnabled());
	}

	@Transactional
	Created create(String clientId, Set<String> scopes, String description) {
		if (this.names.isTaken(clientId)) {
			throw ClientAlreadyExistsException.named(clientId);
		}
		String secret = Secrets.generate(this.random);
		try {
			ApiClient client = this.clients
				.save(new ApiClient(clientId, Secrets.sha256(secret), description, scopes, this.clock.instant()));
			return new Created(client, secret);
		}
		catch (DuplicateKeyException ex) {
			throw ClientAlreadyExistsException.named(clientId);
		}
	}

	/**
	 * Creates a client with a given secret, or sets the secret and scopes of an existing
	 * one: used to bootstrap the platform's own client from configuration.
	 * @param clientId the client id
	 * @param secret the secret
	 * @param scopes the scopes
	 * @return {@code true} when the client was created or changed
	 */
	@Transactional
	boolean ensure(String clientId, String secret, Set<String> scopes) {
		Optional<ApiClient> existing = this.clients.findByClientId(clientId);
		if (existing.isEmpty()) {
			if (this.names.isTaken(clientId)) {
				throw ClientAlreadyExistsException.named(clientId);
			}
			this.clients.save(new ApiClient(clientId, Secrets.sha256(secret), "The platform's own services", scopes,
					this.clock.instant()));
			return true;
		}
		ApiClient client = existing.get();
		if (Secrets.matches(secret, client.getSecretHash()) && client.getScopes().equals(scopes)) {
			return false;
		}
		client.changeSecretHash(Secrets.sha256(secret));
		client.replaceScopes(scopes);
		save(client);
		return true;
	}

	@Transactional(readOnly = true)
	ApiClient get(String clientId) {
		return this.clients.findByClientId(clientId).orElseThrow(() -> ClientNotFoundException.named(clientId));
	}

	@Transactional(readOnly = true)
	PageResponse<ApiClient> list(int page, int size) {
		Page<ApiClient> found = this.clients.findAll(PageRequest.of(page, size, Sort.by("clientId")));
		return PageResponse.of(found.getContent(), page, size, found.getTotalElements());
	}

	@Transactional
	ApiClient update(String clientId, String ifMatch, Set<String> scopes, Boolean enabled, String description) {
		ApiClient client = get(clientId);
		Preconditions.checkMatch(ifMatch, client.getRevision());
		boolean changed = false;
		if (scopes != null && !scopes.equals(client.getScopes())) {
			client.replaceScopes(scopes);
			changed = true;
		}
		if (enabled != null && enabled != client.isEnabled()) {
			client.enable(enabled);
			changed = true;
		}
		if (description != null && !description.equals(client.getDescription())) {
			client.describe(description);
			changed = true;
		}
		return changed ? save(client) : client;
	}

	@Transactional
	Created newSecret(String clientId) {
		ApiClient client = get(clientId);
		String secret = Secrets.generate(this.random);
		client.changeSecretHash(Secrets.sha256(secret));
		return new Created(save(client), secret);
	}

	private ApiClient save(ApiClient client) {
		client.touch(this.clock.instant());
		try {
			return this.clients.save(client);
		}
		catch (OptimisticLockingFailureException ex) {
			throw new CorelakeException(CommonErrorCode.PRECONDITION_FAILED,
					"API client '" + client.getClientId() + "' was changed concurrently; read it again and retry.", ex);
		}
	}

	/**
	 * A client with its freshly generated secret, shown once.
	 *
	 * @param client the client
	 * @param secret the secret in the clear
	 */
	record Created(ApiClient client, String secret) {

		@Override
		public String toString() {
			return "Created[" + this.client + "]";
		}

	}

}
