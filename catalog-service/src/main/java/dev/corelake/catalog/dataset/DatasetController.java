package dev.corelake.catalog.dataset;

import java.net.URI;
import java.time.Instant;
import java.util.Set;

import dev.corelake.catalog.system.ListingProperties;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/datasets}: create, list, read, update, tag and delete datasets.
 *
 * @author Corelake
 */
@RestController
@RequestMapping(path = "/api/v1/datasets", produces = MediaType.APPLICATION_JSON_VALUE)
class DatasetController {

	static final int MAX_TAGS = 50;

	static final int MAX_READERS = 200;

	static final String READER_PATTERN = "\\*|[a-z][a-z0-9._-]{2,63}|[A-Za-z0-9][A-Za-z0-9._@-]{0,127}";

	static final String OWNER_PATTERN = "[A-Za-z0-9][A-Za-z0-9._@-]{0,127}";

	/** Free text: anything but NUL, which PostgreSQL cannot store in a text column. */
	static final String TEXT_PATTERN = "[^\\x00]*";

	static final String TEXT_MESSAGE = "must not contain NUL characters";

	private final DatasetService service;

	private final DatasetQuery query;

	private final DatasetAccess access;

	private final ListingProperties listing;

	DatasetController(DatasetService service, DatasetQuery query, DatasetAccess access, ListingProperties listing) {
		this.service = service;
		this.query = query;
		this.access = access;
		this.listing = listing;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<DatasetResponse> create(@Valid @RequestBody CreateDatasetRequest request) {
		DatasetAccess.Caller caller = this.access.caller();
		if (request.owner() != null && !request.owner().equals(caller.name()) && !caller.isAdmin()) {
			throw new CorelakeException(CommonErrorCode.ACCESS_DENIED,
					"Only an administrator may create a dataset on behalf of another owner.");
		}
		String owner = (request.owner() != null) ? request.owner() : caller.name();
		Dataset dataset = this.service.create(request.name(), request.description(), owner, request.tags(),
				request.retention());
		return ResponseEntity.created(URI.create("/api/v1/datasets/" + dataset.getName()))
			.eTag(Preconditions.etag(dataset.getRevision()))
			.body(DatasetResponse.of(dataset));
	}

	@GetMapping
	PageResponse<DatasetResponse> list(
			@RequestParam(required = false) @Pattern(regexp = "[a-z0-9_-]{0,63}") String prefix,
			@RequestParam(required = false) @Pattern(regexp = OWNER_PATTERN) String owner,
			@RequestParam(required = false) @ResourceName String tag,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(required = false) @Min(1) @Max(ListingProperties.MAX_PAGE_SIZE) Integer size) {
		return this.query
			.find(new DatasetQuery.DatasetFilter(prefix, owner, tag), this.access.caller(), page,
					this.listing.pageSize(size))
			.map(DatasetResponse::of);
	}

	@GetMapping("/{name}")
	ResponseEntity<DatasetResponse> get(@PathVariable @ResourceName String name) {
		return withEtag(this.service.get(name));
	}

	@PatchMapping(path = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<DatasetResponse> update(@PathVariable @ResourceName String name,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody UpdateDatasetRequest request) {
		return withEtag(this.service.update(name, ifMatch, request.description(), request.tags(), request.retention()));
	}

	@PutMapping("/{name}/tags/{tag}")
	ResponseEntity<DatasetResponse> addTag(@PathVariable @ResourceName String name,
			@PathVariable @ResourceName String tag) {
		return withEtag(this.service.tag(name, tag, true));
	}

	@DeleteMapping("/{name}/tags/{tag}")
	ResponseEntity<DatasetResponse> removeTag(@PathVariable @ResourceName String name,
			@PathVariable @ResourceName String tag) {
		return withEtag(this.service.tag(name, tag, false));
	}

	@PutMapping("/{name}/readers/{principal}")
	ResponseEntity<DatasetResponse> share(@PathVariable @ResourceName String name,
			@PathVariable @Pattern(regexp = READER_PATTERN) String principal) {
		return withEtag(this.service.share(name, principal, true));
	}

	@DeleteMapping("/{name}/readers/{principal}")
	ResponseEntity<DatasetResponse> unshare(@PathVariable @ResourceName String name,
			@PathVariable @Pattern(regexp = READER_PATTERN) String principal) {
		return withEtag(this.service.share(name, principal, false));
	}

	@DeleteMapping("/{name}")
	ResponseEntity<Void> delete(@PathVariable @ResourceName String name,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		this.service.delete(name, ifMatch);
		return ResponseEntity.noContent().build();
	}

	private static ResponseEntity<DatasetResponse> withEtag(Dataset dataset) {
		return ResponseEntity.ok().eTag(Preconditions.etag(dataset.getRevision())).body(DatasetResponse.of(dataset));
	}

	/**
	 * A new dataset.
	 *
	 * @param name unique name
	 * @param description free text
	 * @param owner owning user; the caller when absent, and only an administrator may
	 * name someone else
	 * @param tags tags
	 * @param retention retention policy
	 */
	record CreateDatasetRequest(@NotNull @ResourceName String name,
			@Size(max = 2000) @Pattern(regexp = TEXT_PATTERN, message = TEXT_MESSAGE) String description,
			@Pattern(regexp = OWNER_PATTERN) String owner,
			@Size(max = MAX_TAGS) Set<@NotNull @ResourceName String> tags, @Valid Retention retention) {
	}

	/**
	 * Changes to a dataset; absent members stay as they are.
	 *
	 * @param description new description
	 * @param tags the complete new tag set
	 * @param retention the new retention policy ({@code {}} removes it)
	 */
	record UpdateDatasetRequest(
			@Size(max = 2000) @Pattern(regexp = TEXT_PATTERN, message = TEXT_MESSAGE) String description,
			@Size(max = MAX_TAGS) Set<@NotNull @ResourceName String> tags, @Valid Retention retention) {
	}

	/**
	 * A dataset as the API shows it.
	 *
	 * @param name name
	 * @param description description
	 * @param owner owner
	 * @param tags tags
	 * @param readers who besides the owner may read it ({@code *}: every signed-in user)
	 * @param retention retention policy
	 * @param latestVersion number of the newest version, 0 when none
	 * @param revision metadata revision (the ETag without quotes)
	 * @param createdAt creation time
	 * @param updatedAt time of the last metadata change
	 */
	record DatasetResponse(String name, String description, String owner, Set<String> tags, Set<String> readers,
			Retention retention, int latestVersion, long revision, Instant createdAt, Instant updatedAt) {

		static DatasetResponse of(Dataset dataset) {
			return new DatasetResponse(dataset.getName(), dataset.getDescription(), dataset.getOwner(),
					dataset.getTags(), dataset.getReaders(), dataset.getRetention(), dataset.getLastVersion(),
					dataset.getRevision(), dataset.getCreatedAt(), dataset.getUpdatedAt());
		}

	}

}
