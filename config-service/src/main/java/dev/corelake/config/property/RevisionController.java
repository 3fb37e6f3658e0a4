package dev.corelake.config.property;

import java.time.Instant;
import java.util.List;

import dev.corelake.config.system.ConfigAccess;
import dev.corelake.platform.web.Preconditions;
import dev.corelake.platform.naming.ResourceName;
import dev.corelake.platform.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/config/namespaces/{namespace}/profiles/{profile}/revisions} and
 * {@code .../diffs}: history, one revision, the diff between two revisions, and rollback
 * (which is itself a new revision).
 *
 * @author Corelake
 */
@RestController
@RequestMapping(path = "/api/v1/config/namespaces/{namespace}/profiles/{profile}",
		produces = MediaType.APPLICATION_JSON_VALUE)
class RevisionController {

	private static final long MAX_REVISION = Long.MAX_VALUE / 2;

	private final PropertyService service;

	private final ConfigAccess access;

	RevisionController(PropertyService service, ConfigAccess access) {
		this.service = service;
		this.access = access;
	}

	@GetMapping("/revisions")
	PageResponse<RevisionResponse> history(@PathVariable @ResourceName String namespace,
			@PathVariable @ResourceName String profile,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		boolean readsSecrets = this.access.readsSecrets();
		return this.service.history(new ScopeKey(namespace, profile), page, size)
			.map((revision) -> RevisionResponse.of(revision, readsSecrets, false));
	}

	@GetMapping("/revisions/{revision}")
	RevisionResponse revision(@PathVariable @ResourceName String namespace, @PathVariable @ResourceName String profile,
			@PathVariable @Min(1) @Max(MAX_REVISION) long revision) {
		return RevisionResponse.of(this.service.revision(new ScopeKey(namespace, profile), revision),
				this.access.readsSecrets(), true);
	}

	@GetMapping("/diffs")
	DiffResponse diff(@PathVariable @ResourceName String namespace, @PathVariable @ResourceName String profile,
			@RequestParam @Min(0) @Max(MAX_REVISION) long from, @RequestParam @Min(0) @Max(MAX_REVISION) long to) {
		List<Change> changes = this.service.diff(new ScopeKey(namespace, profile), from, to);
		return new DiffResponse(namespace, profile, from, to, ChangeResponse.of(changes, this.access.readsSecrets()));
	}

	@PostMapping("/revisions/{revision}/rollback")
	ResponseEntity<PropertyController.ScopeResponse> rollback(@PathVariable @ResourceName String namespace,
			@PathVariable @ResourceName String profile, @PathVariable @Min(1) @Max(MAX_REVISION) long revision,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody(required = false) RollbackRequest request) {
		Scope scope = this.service.rollback(new ScopeKey(namespace, profile), revision, ifMatch,
				(request != null) ? request.message() : null);
		return ResponseEntity.ok()
			.eTag(Preconditions.etag(scope.revision()))
			.body(PropertyController.ScopeResponse.of(scope, this.access.readsSecrets()));
	}

	/**
	 * Why a rollback is made.
	 *
	 * @param message recorded in the new revision; "Rollback to revision N" when absent
	 */
	record RollbackRequest(@Size(max = 1000) @Pattern(regexp = PropertyController.TEXT_PATTERN,
			message = PropertyController.TEXT_MESSAGE) String message) {
	}

	/**
	 * One revision.
	 *
	 * @param revision its number
	 * @param namespace namespace
	 * @param profile profile
	 * @param author who made it
	 * @param createdAt when
	 * @param message why
	 * @param changes what it changed
	 * @param properties the complete state after it (only when one revision is read)
	 */
	record RevisionResponse(long revision, String namespace, String profile, String author, Instant createdAt,
			String message, List<ChangeResponse> changes, List<PropertyController.PropertyResponse> properties) {

		static RevisionResponse of(Revision revision, boolean readsSecrets, boolean withProperties) {
			return new RevisionResponse(revision.revision(), revision.key().namespace(), revision.key().profile(),
					revision.author(), revision.createdAt(), revision.message(),
					ChangeResponse.of(revision.changes(), readsSecrets),
					withProperties ? PropertyController.PropertyResponse.of(revision.snapshot(), readsSecrets) : null);
		}

	}

	/**
	 * The changes between two revisions.
	 *
	 * @param namespace namespace
	 * @param profile profile
	 * @param from the earlier revision (0: the empty state)
	 * @param to the later revision
	 * @param changes what changed, by key
	 */
	record DiffResponse(String namespace, String profile, long from, long to, List<ChangeResponse> changes) {
	}

	/**
	 * One key's change.
	 *
	 * @param key key
	 * @param action {@code ADDED}, {@code CHANGED} or {@code REMOVED}
	 * @param oldValue value before (masked when secret and the caller may not see it)
	 * @param newValue value after (likewise)
	 * @param secret whether either value is secret
	 */
	record ChangeResponse(String key, Change.Action action, String oldValue, String newValue, boolean secret) {

		static List<ChangeResponse> of(List<Change> changes, boolean readsSecrets) {
			return changes.stream()
				.map((change) -> new ChangeResponse(change.key(), change.action(),
						ConfigAccess.shown(change.oldValue(), change.secret(), readsSecrets),
						ConfigAccess.shown(change.newValue(), change.secret(), readsSecrets), change.secret()))
				.toList();
		}

	}

}
