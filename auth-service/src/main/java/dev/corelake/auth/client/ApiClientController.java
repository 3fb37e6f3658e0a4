package dev.corelake.auth.client;

import java.net.URI;
import java.time.Instant;
import java.util.Set;

import dev.corelake.platform.web.Preconditions;
import dev.corelake.auth.system.SubjectName;
import dev.corelake.platform.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/auth/clients} (ADMIN): create, list, read and change API clients, and
 * issue a new secret. A secret appears in exactly one answer: the one that created it.
 *
 * @author Corelake
 */
@RestController
@RequestMapping(path = "/api/v1/auth/clients", produces = MediaType.APPLICATION_JSON_VALUE)
class ApiClientController {

	/**
	 * A scope: a lower-case letter, then lower-case letters, digits, ':', '.', '_', '-'.
	 */
	static final String SCOPE_PATTERN = "[a-z][a-z0-9:._-]{0,63}";

	/**
	 * Free text: anything but NUL and other control characters except tab and newline.
	 */
	static final String TEXT_PATTERN = "[^\\x00-\\x08\\x0B-\\x1F\\x7F]*";

	private final ApiClientService clients;

	ApiClientController(ApiClientService clients) {
		this.clients = clients;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ClientWithSecret> create(@Valid @RequestBody CreateClientRequest request) {
		ApiClientService.Created created = this.clients.create(request.clientId(), request.scopes(),
				request.description());
		return ResponseEntity.created(URI.create("/api/v1/auth/clients/" + created.client().getClientId()))
			.cacheControl(CacheControl.noStore())
			.eTag(Preconditions.etag(created.client().getRevision()))
			.body(ClientWithSecret.of(created));
	}

	@GetMapping
	PageResponse<ClientResponse> list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		return this.clients.list(page, size).map(ClientResponse::of);
	}

	@GetMapping("/{clientId}")
	ResponseEntity<ClientResponse> get(@PathVariable @SubjectName String clientId) {
		ApiClient client = this.clients.get(clientId);
		return ResponseEntity.ok().eTag(Preconditions.etag(client.getRevision())).body(ClientResponse.of(client));
	}

	@PatchMapping(path = "/{clientId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ClientResponse> update(@PathVariable @SubjectName String clientId,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody UpdateClientRequest request) {
		ApiClient client = this.clients.update(clientId, ifMatch, request.scopes(), request.enabled(),
				request.description());
		return ResponseEntity.ok().eTag(Preconditions.etag(client.getRevision())).body(ClientResponse.of(client));
	}

	@PostMapping("/{clientId}/secret")
	ResponseEntity<ClientWithSecret> newSecret(@PathVariable @SubjectName String clientId) {
		ApiClientService.Created created = this.clients.newSecret(clientId);
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.eTag(Preconditions.etag(created.client().getRevision()))
			.body(ClientWithSecret.of(created));
	}

	/**
	 * A new API client.
	 *
	 * @param clientId unique client id
	 * @param scopes the scopes it may request
	 * @param description what it is for
	 */
	record CreateClientRequest(@NotNull @SubjectName String clientId,
			@NotEmpty @Size(max = 50) Set<@NotNull @Pattern(regexp = SCOPE_PATTERN) String> scopes,
			@Size(max = 500) @Pattern(regexp = TEXT_PATTERN) String description) {
	}

	/**
	 * Changes to an API client; absent members stay as they are.
	 *
	 * @param scopes the complete new set of scopes
	 * @param enabled whether it may obtain tokens
	 * @param description what it is for
	 */
	record UpdateClientRequest(@Size(min = 1, max = 50) Set<@NotNull @Pattern(regexp = SCOPE_PATTERN) String> scopes,
			Boolean enabled, @Size(max = 500) @Pattern(regexp = TEXT_PATTERN) String description) {
	}

	/**
	 * An API client as the API shows it; never its secret or the secret's hash.
	 *
	 * @param clientId client id
	 * @param scopes scopes
	 * @param description description
	 * @param enabled whether it may obtain tokens
	 * @param revision the ETag without quotes
	 * @param createdAt creation time
	 * @param updatedAt time of the last change
	 */
	record ClientResponse(String clientId, Set<String> scopes, String description, boolean enabled, long revision,
			Instant createdAt, Instant updatedAt) {

		static ClientResponse of(ApiClient client) {
			return new ClientResponse(client.getClientId(), client.getScopes(), client.getDescription(),
					client.isEnabled(), client.getRevision(), client.getCreatedAt(), client.getUpdatedAt());
		}

	}

	/**
	 * An API client with its new secret: the only time the secret is shown.
	 *
	 * @param clientId client id
	 * @param clientSecret the secret, in the clear
	 * @param scopes scopes
	 * @param description description
	 * @param enabled whether it may obtain tokens
	 * @param revision the ETag without quotes
	 * @param createdAt creation time
	 * @param updatedAt time of the last change
	 */
	record ClientWithSecret(String clientId, String clientSecret, Set<String> scopes, String description,
			boolean enabled, long revision, Instant createdAt, Instant updatedAt) {

		static ClientWithSecret of(ApiClientService.Created created) {
			ApiClient client = created.client();
			return new ClientWithSecret(client.getClientId(), created.secret(), client.getScopes(),
					client.getDescription(), client.isEnabled(), client.getRevision(), client.getCreatedAt(),
					client.getUpdatedAt());
		}

		@Override
		public String toString() {
			return "ClientWithSecret[" + this.clientId + "]";
		}

	}

}
