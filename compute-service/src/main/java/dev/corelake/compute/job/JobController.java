package dev.corelake.compute.job;

import java.net.URI;
import java.util.List;

import dev.corelake.platform.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
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
 * {@code /api/v1/compute/jobs}: submit, list, read and cancel jobs, and read their logs.
 *
 * @author Corelake
 */
@ConditionalOnWebApplication
@RestController
@RequestMapping(path = "/api/v1/compute/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
class JobController {

	static final String JOB_ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	private final JobService service;

	JobController(JobService service) {
		this.service = service;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<JobView> submit(@Valid @RequestBody SubmitJobRequest request) {
		JobView job = this.service.submit(request);
		return ResponseEntity.accepted().location(URI.create("/api/v1/compute/jobs/" + job.id())).body(job);
	}

	@GetMapping
	PageResponse<JobView> list(
			@RequestParam(required = false) @Pattern(
					regexp = "queued|running|committing|succeeded|failed|cancelled|timed-out") String state,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		return this.service.list((state != null) ? JobState.fromApiName(state) : null, page, size);
	}

	@GetMapping("/{id}")
	JobView get(@PathVariable @Pattern(regexp = JOB_ID) String id) {
		return this.service.get(id);
	}

	@PostMapping("/{id}/cancel")
	ResponseEntity<JobView> cancel(@PathVariable @Pattern(regexp = JOB_ID) String id) {
		return ResponseEntity.accepted().body(this.service.cancel(id));
	}

	@GetMapping("/{id}/logs")
	List<JobLogLine> logs(@PathVariable @Pattern(regexp = JOB_ID) String id) {
		return this.service.logs(id);
	}

}
