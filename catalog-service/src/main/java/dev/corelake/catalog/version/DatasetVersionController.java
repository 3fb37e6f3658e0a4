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
 * {@code /api/v1/datasets/{name}/versions}: register, list and read versions, and the
 * retention plan.
 *
 * @author Corelake
 */
@RestController
@RequestMapping(path = "/api/v1/datasets/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
class DatasetVersionController {

	private final DatasetVersionService service;

	private final ListingProperties listing;

	DatasetVersionController(DatasetVersionService service, ListingProperties listing) {
		this.service = service;
		this.listing = listing;
	}

	@PostMapping(path = "/versions", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<VersionView> register(@PathVariable @ResourceName String name,
			@Valid @RequestBody NewVersion request) {
		VersionView version = this.service.register(name, request);
		return ResponseEntity.created(URI.create("/api/v1/datasets/" + name + "/versions/" + version.version()))
			.body(version);
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

}
