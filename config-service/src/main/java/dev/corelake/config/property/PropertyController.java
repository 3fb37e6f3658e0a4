package dev.corelake.config.property;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.corelake.config.system.ConfigAccess;
import dev.corelake.platform.web.Preconditions;
import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.platform.naming.ResourceName;
import dev.corelake.platform.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/config/namespaces}: the namespaces and profiles that exist, and the
 * properties of one, read and changed with compare-and-set.
 *
 * @author Corelake
 */
@RestController
@RequestMapping(path = "/api/v1/config/namespaces", produces = MediaType.APPLICATION_JSON_VALUE)
class PropertyController {

	/**
	 * Property keys: dotted segments of letters, digits, {@code _} and {@code -}, with
	 * optional list indexes ({@code a.b[0]}); no empty segment, so never {@code ..}.
	 */
	static final String KEY_PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+|\\[[0-9]{1,6}\\])*";

	static final int MAX_KEY = 255;

	static final int MAX_VALUE = 65_536;

	static final int MAX_CHANGES = 1000;

	/** Free text: anything but NUL, which PostgreSQL cannot store in a text column. */
	static final String TEXT_PATTERN = "[^\\x00]*";

	static final String TEXT_MESSAGE = "must not contain NUL characters";

	private final PropertyService service;

	private final ConfigAccess access;

	PropertyController(PropertyService service, ConfigAccess access) {
		this.service = service;
		this.access = access;
	}

	@GetMapping
	PageResponse<ScopeRepository.ScopeSummary> list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
		return this.service.list(page, size);
	}

	@GetMapping("/{namespace}/profiles/{profile}/properties")
	ResponseEntity<ScopeResponse> get(@PathVariable @ResourceName String namespace,
			@PathVariable @ResourceName String profile) {
		return respond(this.service.current(new ScopeKey(namespace, profile)));
	}

	@PatchMapping(path = "/{namespace}/profiles/{profile}/properties", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ScopeResponse> batch(@PathVariable @ResourceName String namespace,
			@PathVariable @ResourceName String profile,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody BatchRequest request) {
		Map<String, PropertyValue> set = new LinkedHashMap<>();
		for (PropertyInput input : (request.set() != null) ? request.set() : List.<PropertyInput>of()) {
			if (set.put(input.key(), new PropertyValue(input.value(), Boolean.TRUE.equals(input.secret()))) != null) {
				throw invalid("Key '" + input.key() + "' is set twice in one batch.");
			}
		}
		Set<String> remove = (request.remove() != null) ? new HashSet<>(request.remove()) : Set.of();
		for (String key : remove) {
			if (set.containsKey(key)) {
				throw invalid("Key '" + key + "' is both set and removed in one batch.");
			}
		}
		return respond(this.service.write(new ScopeKey(namespace, profile), ifMatch, request.message(), set, remove));
	}

	@PutMapping(path = "/{namespace}/profiles/{profile}/properties/{key}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ScopeResponse> put(@PathVariable @ResourceName String namespace,
			@PathVariable @ResourceName String profile,
			@PathVariable @Size(max = MAX_KEY) @Pattern(regexp = KEY_PATTERN) String key,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody PutRequest request) {
		return respond(this.service.write(new ScopeKey(namespace, profile), ifMatch, request.message(),
				Map.of(key, new PropertyValue(request.value(), Boolean.TRUE.equals(request.secret()))), Set.of()));
	}

	@DeleteMapping("/{namespace}/profiles/{profile}/properties/{key}")
	ResponseEntity<ScopeResponse> delete(@PathVariable @ResourceName String namespace,
			@PathVariable @ResourceName String profile,
			@PathVariable @Size(max = MAX_KEY) @Pattern(regexp = KEY_PATTERN) String key,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestParam(required = false) @Size(max = 1000) @Pattern(regexp = TEXT_PATTERN,
					message = TEXT_MESSAGE) String message) {
		return respond(this.service.write(new ScopeKey(namespace, profile), ifMatch, message, Map.of(), Set.of(key)));
	}

	private ResponseEntity<ScopeResponse> respond(Scope scope) {
		return ResponseEntity.ok()
			.eTag(Preconditions.etag(scope.revision()))
			.body(ScopeResponse.of(scope, this.access.readsSecrets()));
	}

	private static CorelakeException invalid(String detail) {
		return new CorelakeException(CommonErrorCode.VALIDATION_FAILED, detail);
	}

	/**
	 * An atomic batch: every change is applied, or none.
	 *
	 * @param message why (recorded in the revision)
	 * @param set properties to add or replace
	 * @param remove keys to remove (absent keys are ignored)
	 */
	record BatchRequest(@Size(max = 1000) @Pattern(regexp = TEXT_PATTERN, message = TEXT_MESSAGE) String message,
			@Size(max = MAX_CHANGES) List<@NotNull @Valid PropertyInput> set,
			@Size(max = MAX_CHANGES) List<@NotNull @Size(max = MAX_KEY) @Pattern(regexp = KEY_PATTERN) String> remove) {
	}

	/**
	 * One property to set.
	 *
	 * @param key key
	 * @param value value
	 * @param secret whether to encrypt it at rest and mask it for most readers (default
	 * {@code false})
	 */
	record PropertyInput(@NotNull @Size(max = MAX_KEY) @Pattern(regexp = KEY_PATTERN) String key,
			@NotNull @Size(max = MAX_VALUE) @Pattern(regexp = TEXT_PATTERN, message = TEXT_MESSAGE) String value,
			Boolean secret) {
	}

	/**
	 * One property's new value.
	 *
	 * @param value value
	 * @param secret whether it is secret
	 * @param message why
	 */
	record PutRequest(
			@NotNull @Size(max = MAX_VALUE) @Pattern(regexp = TEXT_PATTERN, message = TEXT_MESSAGE) String value,
			Boolean secret, @Size(max = 1000) @Pattern(regexp = TEXT_PATTERN, message = TEXT_MESSAGE) String message) {
	}

	/**
	 * A namespace and profile as the API shows it.
	 *
	 * @param namespace namespace
	 * @param profile profile
	 * @param revision revision of its last change (the ETag without quotes), 0 when never
	 * written
	 * @param properties its properties, by key
	 */
	record ScopeResponse(String namespace, String profile, long revision, List<PropertyResponse> properties) {

		static ScopeResponse of(Scope scope, boolean readsSecrets) {
			return new ScopeResponse(scope.key().namespace(), scope.key().profile(), scope.revision(),
					PropertyResponse.of(scope.properties(), readsSecrets));
		}

	}

	/**
	 * One property.
	 *
	 * @param key key
	 * @param value value, {@code ******} when secret and the caller may not see it
	 * @param secret whether it is secret
	 */
	record PropertyResponse(String key, String value, boolean secret) {

		static List<PropertyResponse> of(Map<String, PropertyValue> properties, boolean readsSecrets) {
			return properties.entrySet()
				.stream()
				.map((entry) -> new PropertyResponse(entry.getKey(),
						ConfigAccess.shown(entry.getValue().value(), entry.getValue().secret(), readsSecrets),
						entry.getValue().secret()))
				.toList();
		}

	}

}
