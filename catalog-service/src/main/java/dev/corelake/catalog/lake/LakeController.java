package dev.corelake.catalog.lake;

import dev.corelake.catalog.dataset.DatasetAccess;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/lake/orphans}: report orphaned lake paths (dry run) and sweep them.
 * Administrators only: lake paths name every dataset.
 *
 * @author Corelake
 */
@RestController
@RequestMapping(path = "/api/v1/lake", produces = MediaType.APPLICATION_JSON_VALUE)
class LakeController {

	private final OrphanSweeper sweeper;

	private final DatasetAccess access;

	LakeController(OrphanSweeper sweeper, DatasetAccess access) {
		this.sweeper = sweeper;
		this.access = access;
	}

	@GetMapping("/orphans")
	OrphanReport orphans() {
		this.access.requirePlatformAdmin();
		return this.sweeper.report();
	}

	@PostMapping("/orphans:sweep")
	OrphanReport sweep() {
		this.access.requirePlatformAdmin();
		return this.sweeper.sweep();
	}

}
