package dev.corelake.sync.job;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import dev.corelake.platform.naming.ResourceName;
import dev.corelake.platform.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/sync/jobs}: create, list, read and delete jobs, and reset a job's
 * high-water mark.
 *
 * @author Corelake
 */
@RestController
@RequestMapping(path = "/api/v1/sync/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
class JobController {

	private final JobService service;

	JobController(JobService service) {
		this.service = service;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<JobView> create(@Valid @RequestBody CreateJobRequest request) {
		SyncMode mode = (request.mode() != null) ? request.mode() : SyncMode.FULL;
		Throttle throttle = (request.throttle() != null) ? request.throttle() : new Throttle(null, null);
		RejectLimit rejects = (request.rejectLimit() != null) ? request.rejectLimit() : new RejectLimit(null, null);
		JobSpec spec = new JobSpec(request.table(), request.columns(), mode, request.cursorColumn(),
				request.keyColumns(), throttle.rowsPerSecond(), throttle.bytesPerSecond(), rejects.count(),
				rejects.percent(), request.chunkRows());
		Job job = this.service.create(request.name(), request.source(), request.dataset(), spec, request.schedule());
		return ResponseEntity.created(URI.create("/api/v1/sync/jobs/" + job.name())).body(JobView.of(job));
	}

	@GetMapping
	PageResponse<JobView> list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		return this.service.list(page, size).map(JobView::of);
	}

	@GetMapping("/{name}")
	JobView get(@PathVariable @ResourceName String name) {
		return JobView.of(this.service.get(name));
	}

	@DeleteMapping("/{name}")
	ResponseEntity<Void> delete(@PathVariable @ResourceName String name) {
		this.service.delete(name);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/{name}/high-water-mark")
	JobView resetHighWaterMark(@PathVariable @ResourceName String name) {
		return JobView.of(this.service.resetHighWaterMark(name));
	}

	/**
	 * A job to create.
	 *
	 * @param name unique name
	 * @param source the source's name
	 * @param dataset the target dataset (created in the catalog at the first commit)
	 * @param table the table of a JDBC source
	 * @param columns the columns to read (JDBC), all when absent
	 * @param mode {@code full} (default) or {@code incremental}
	 * @param cursorColumn the cursor column (incremental)
	 * @param keyColumns columns identifying a row (default: the primary key)
	 * @param schedule cron expression in UTC
	 * @param throttle read rate limits
	 * @param rejectLimit how many rejected records a run tolerates
	 * @param chunkRows rows per checkpointed chunk
	 */
	record CreateJobRequest(@NotNull @ResourceName String name, @NotNull @ResourceName String source,
			@NotNull @ResourceName String dataset, @Size(max = 130) String table,
			@Size(max = 1000) List<@Size(max = 63) String> columns, SyncMode mode, @Size(max = 63) String cursorColumn,
			@Size(max = 16) List<@Size(max = 63) String> keyColumns, @Size(max = 128) String schedule,
			@Valid Throttle throttle, @Valid RejectLimit rejectLimit, @Min(1000) @Max(1_000_000_000) Long chunkRows) {
	}

	/**
	 * Read rate limits.
	 *
	 * @param rowsPerSecond most rows per second
	 * @param bytesPerSecond most bytes per second
	 */
	record Throttle(@Positive @Max(1_000_000_000_000L) Long rowsPerSecond,
			@Positive @Max(1_000_000_000_000L) Long bytesPerSecond) {
	}

	/**
	 * Tolerated rejects; the run fails (and commits nothing) above either.
	 *
	 * @param count most rejected records
	 * @param percent most rejected records, as a percentage of the records read
	 */
	record RejectLimit(@Min(0) @Max(1_000_000_000_000L) Long count,
			@DecimalMin("0.0") @DecimalMax("100.0") Double percent) {
	}

	/**
	 * A job as the API shows it.
	 *
	 * @param name name
	 * @param owner owner
	 * @param source source name
	 * @param dataset target dataset
	 * @param table JDBC table
	 * @param columns columns read
	 * @param mode mode
	 * @param cursorColumn cursor column
	 * @param keyColumns key columns
	 * @param schedule cron expression
	 * @param nextRunAt next scheduled run
	 * @param throttle rate limits
	 * @param rejectLimit tolerated rejects
	 * @param chunkRows rows per chunk
	 * @param highWaterMark the committed cursor mark, as stored
	 * @param createdAt creation time
	 */
	record JobView(String name, String owner, String source, String dataset, String table, List<String> columns,
			SyncMode mode, String cursorColumn, List<String> keyColumns, String schedule, Instant nextRunAt,
			Throttle throttle, RejectLimit rejectLimit, Long chunkRows, String highWaterMark, Instant createdAt) {

		static JobView of(Job job) {
			JobSpec spec = job.spec();
			return new JobView(job.name(), job.owner(), job.sourceName(), job.dataset(), spec.table(), spec.columns(),
					spec.mode(), spec.cursorColumn(), spec.keyColumns(), job.schedule(), job.nextFireAt(),
					new Throttle(spec.rowsPerSecond(), spec.bytesPerSecond()),
					new RejectLimit(spec.rejectCount(), spec.rejectPercent()), spec.chunkRows(), job.highWaterMark(),
					job.createdAt());
		}

	}

}
