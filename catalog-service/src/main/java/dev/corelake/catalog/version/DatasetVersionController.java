package dev.corelake.catalog.version;

import java.net.URI;

import dev.corelake.catalog.system.ListingProperties;
import dev.corelake.platform.naming.ResourceName;
import dev.corelake.platform.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/datasets/{name}/versions}: register, list and read versions; the
 * retention plan, and applying it.
 *
 * @author Corelake
 */
@RestController
@RequestMapping(path = "/api/v1/datasets/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
class DatasetVersionController {

	private final DatasetVersionService service;

	private final RetentionExecutor retention;

	private final ListingProperties listing;

	DatasetVersionController(DatasetVersionService service, RetentionExecutor retention, ListingProperties listing) {
		this.service = service;
		this.retention = retention;
		this.listing = listing;
	}

	@PostMapping(path = "/versions", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<VersionView> register(@PathVariable @ResourceName String name,
			@Valid @RequestBody NewVersion request) {
		Registration registration = this.service.register(name, request);
		VersionView version = registration.version();
		URI location = URI.create("/api/v1/datasets/" + name + "/versions/" + version.version());
		// a producer retrying a registration gets the version it already made, and 200
		return registration.created() ? ResponseEntity.created(location).body(version)
				: ResponseEntity.ok().location(location).body(version);
	}

	@GetMapping("/versions")
	PageResponse<VersionView> list(@PathVariable @ResourceName String name,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(required = false) @Min(1) @Max(ListingProperties.MAX_PAGE_SIZE) Integer size) {
		return this.service.list(name, page, this.listing.pageSize(size));
	}

	@GetMapping("/versions/{version}")
	VersionView get(@PathVariable @ResourceName String name, @PathVariable @Min(1) int version) {
		return this.service.get(name, version);
	}

	@GetMapping("/retention")
	RetentionPlan retention(@PathVariable @ResourceName String name) {
		return this.service.retentionPlan(name);
	}

	@PostMapping("/retention:apply")
	RetentionResult applyRetention(@PathVariable @ResourceName String name) {
		return this.retention.apply(name);
	}

}
