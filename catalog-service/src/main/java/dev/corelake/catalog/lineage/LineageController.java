package dev.corelake.catalog.lineage;

import dev.corelake.platform.naming.ResourceName;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/datasets/{name}/lineage}: the lineage graph around a dataset.
 *
 * @author Corelake
 */
@RestController
class LineageController {

	private final LineageService service;

	LineageController(LineageService service) {
		this.service = service;
	}

	@GetMapping(path = "/api/v1/datasets/{name}/lineage", produces = MediaType.APPLICATION_JSON_VALUE)
	LineageGraph lineage(@PathVariable @ResourceName String name,
			@RequestParam(defaultValue = "both") @Pattern(regexp = "upstream|downstream|both",
					message = "must be upstream, downstream or both") String direction,
			@RequestParam(defaultValue = "3") @Min(1) @Max(LineageService.MAX_DEPTH) int depth,
			@RequestParam(required = false) @Min(1) Integer version) {
		return this.service.lineage(name, direction, depth, version);
	}

}
