package dev.corelake.config.entry;

import java.net.URI;
import java.time.Instant;

import dev.corelake.platform.web.Preconditions;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/config/entries}: small global state, read by every signed-in caller and
 * changed by compare-and-set.
 *
 * @author Corelake
 */
@RestController
@RequestMapping(path = "/api/v1/config/entries", produces = MediaType.APPLICATION_JSON_VALUE)
class EntryController {

	/** Entry keys: dotted lower-case segments, no empty segment (so never {@code ..}). */
	static final String KEY_PATTERN = "[a-z0-9][a-z0-9_-]*(\\.[a-z0-9_-]+)*";

	static final int MAX_KEY = 128;

	private final EntryService service;

	EntryController(EntryService service) {
		this.service = service;
	}

	@GetMapping
	PageResponse<EntryResponse> list(
			@RequestParam(defaultValue = "") @Size(max = MAX_KEY) @Pattern(regexp = "[a-z0-9._-]*") String prefix,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
		return this.service.list(prefix, page, size).map(EntryResponse::of);
	}

	@GetMapping("/{key}")
	ResponseEntity<EntryResponse> get(@PathVariable @Size(max = MAX_KEY) @Pattern(regexp = KEY_PATTERN) String key) {
		Entry entry = this.service.get(key);
		return ResponseEntity.ok().eTag(Preconditions.etag(entry.revision())).body(EntryResponse.of(entry));
	}

	@PutMapping(path = "/{key}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<EntryResponse> put(@PathVariable @Size(max = MAX_KEY) @Pattern(regexp = KEY_PATTERN) String key,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			@Valid @RequestBody EntryRequest request) {
		EntryService.Written written = this.service.put(key, request.value(), ifMatch, ifNoneMatch);
		ResponseEntity.BodyBuilder response = written.created()
				? ResponseEntity.created(URI.create("/api/v1/config/entries/" + key)) : ResponseEntity.ok();
		return response.eTag(Preconditions.etag(written.entry().revision())).body(EntryResponse.of(written.entry()));
	}

	@DeleteMapping("/{key}")
	ResponseEntity<Void> delete(@PathVariable @Size(max = MAX_KEY) @Pattern(regexp = KEY_PATTERN) String key,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		this.service.delete(key, ifMatch);
		return ResponseEntity.noContent().build();
	}

	/**
	 * An entry's new value.
	 *
	 * @param value the value (any text up to 64 KiB, no NUL)
	 */
	record EntryRequest(@NotNull @Size(max = 65_536) @Pattern(regexp = "[^\\x00]*",
			message = "must not contain NUL characters") String value) {
	}

	/**
	 * An entry as the API shows it.
	 *
	 * @param key key
	 * @param value value
	 * @param revision revision of its last change (the ETag without quotes)
	 * @param updatedBy who changed it last
	 * @param updatedAt when
	 */
	record EntryResponse(String key, String value, long revision, String updatedBy, Instant updatedAt) {

		static EntryResponse of(Entry entry) {
			return new EntryResponse(entry.key(), entry.value(), entry.revision(), entry.updatedBy(),
					entry.updatedAt());
		}

	}

}
