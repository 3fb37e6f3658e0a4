package dev.corelake.sync.run;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import dev.corelake.platform.naming.ResourceName;
import dev.corelake.platform.web.PageResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs: {@code POST /api/v1/sync/jobs/{job}/runs} starts one, {@code GET} lists a job's
 * runs; {@code /api/v1/sync/runs/{id}} reads one, {@code …/logs} its log,
 * {@code …/cancel} cancels it.
 *
 * @author Corelake
 */
@RestController
@RequestMapping(path = "/api/v1/sync", produces = MediaType.APPLICATION_JSON_VALUE)
class RunController {

	private final RunService service;

	RunController(RunService service) {
		this.service = service;
	}

	@PostMapping("/jobs/{job}/runs")
	ResponseEntity<RunView> start(@PathVariable @ResourceName String job) {
		Run run = this.service.start(job);
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/v1/sync/runs/" + run.id()))
			.body(RunView.of(run));
	}

	@GetMapping("/jobs/{job}/runs")
	PageResponse<RunView> list(@PathVariable @ResourceName String job,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		return this.service.list(job, page, size).map(RunView::of);
	}

	@GetMapping("/runs/{id}")
	RunView get(@PathVariable @Min(1) long id) {
		return RunView.of(this.service.get(id));
	}

	@PostMapping("/runs/{id}/cancel")
	ResponseEntity<RunView> cancel(@PathVariable @Min(1) long id) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(RunView.of(this.service.cancel(id)));
	}

	@GetMapping("/runs/{id}/logs")
	List<RunLogLine> logs(@PathVariable @Min(1) long id, @RequestParam(defaultValue = "0") @Min(0) long after,
			@RequestParam(defaultValue = "200") @Min(1) @Max(1000) int limit) {
		return this.service.logs(id, after, limit);
	}

	/**
	 * A run as the API shows it.
	 *
	 * @param id id
	 * @param job job name
	 * @param dataset target dataset
	 * @param state state
	 * @param trigger {@code MANUAL} or {@code SCHEDULE}
	 * @param requestedBy who asked for it
	 * @param attempt how many times an instance started on it (more than 1 after a
	 * resume)
	 * @param cancelRequested whether a cancel is pending
	 * @param progress counts and percent
	 * @param error why it failed, or {@code null}
	 * @param datasetVersion the registered version
	 * @param location the committed version's location
	 * @param queuedAt when asked for
	 * @param startedAt when first started
	 * @param finishedAt when ended
	 */
	record RunView(long id, String job, String dataset, RunState state, String trigger, String requestedBy, int attempt,
			boolean cancelRequested, ProgressView progress, ErrorView error, Integer datasetVersion, String location,
			Instant queuedAt, Instant startedAt, Instant finishedAt) {

		static RunView of(Run run) {
			RunProgress p = run.progress();
			ErrorView error = (run.errorCode() != null || (run.state() == RunState.FAILED && run.errorDetail() != null))
					? new ErrorView(run.errorCode(), run.errorDetail()) : null;
			return new RunView(run.id(), run.jobName(), run.dataset(), run.state(), run.trigger(), run.requestedBy(),
					run.attempt(), run.cancelRequested(),
					new ProgressView(p.rowsRead(), p.rowsWritten(), p.rowsRejected(), p.bytesRead(), p.bytesWritten(),
							p.totalRows(), p.totalBytes(),
							(run.state() == RunState.SUCCEEDED) ? (Double) 100.0 : p.percent()),
					error, run.datasetVersion(), run.location(), run.queuedAt(), run.startedAt(), run.finishedAt());
		}

	}

	/**
	 * Progress of a run.
	 *
	 * @param rowsRead records read
	 * @param rowsWritten rows written
	 * @param rowsRejected records rejected
	 * @param bytesRead bytes read
	 * @param bytesWritten Parquet bytes written
	 * @param totalRows rows to read, when known
	 * @param totalBytes bytes to read, when known
	 * @param percent how far along, when the total is known
	 */
	record ProgressView(long rowsRead, long rowsWritten, long rowsRejected, long bytesRead, long bytesWritten,
			Long totalRows, Long totalBytes, Double percent) {
	}

	/**
	 * Why a run failed.
	 *
	 * @param code the error code
	 * @param detail what happened
	 */
	record ErrorView(String code, String detail) {
	}

}
