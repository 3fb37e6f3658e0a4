package dev.corelake.sync.job;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.FieldViolation;
import dev.corelake.platform.web.PageResponse;
import dev.corelake.sync.catalog.CatalogClient;
import dev.corelake.sync.format.ColumnType;
import dev.corelake.sync.source.ColumnSpec;
import dev.corelake.sync.source.Source;
import dev.corelake.sync.source.SourceKind;
import dev.corelake.sync.source.SourceService;
import dev.corelake.sync.system.SyncAccess;
import dev.corelake.sync.system.SyncErrorCode;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, reads and deletes jobs, checking what they ask for before storing them.
 *
 * @author Corelake
 */
@Service
public class JobService {

	/** A table ({@code table} or {@code schema.table}) of a JDBC source. */
	static final String TABLE_PATTERN = "[A-Za-z_][A-Za-z0-9_$]{0,62}(\\.[A-Za-z_][A-Za-z0-9_$]{0,62})?";

	/** A column of a JDBC table. */
	static final String COLUMN_PATTERN = "[A-Za-z_][A-Za-z0-9_$]{0,62}";

	/** Longest cursor column name of a file source. */
	private static final int MAX_FILE_COLUMN = 128;

	private final JobRepository jobs;

	private final SourceService sources;

	private final SyncAccess access;

	private final CatalogClient catalog;

	private final Clock clock;

	JobService(JobRepository jobs, SourceService sources, SyncAccess access, CatalogClient catalog, Clock clock) {
		this.jobs = jobs;
		this.sources = sources;
		this.access = access;
		this.catalog = catalog;
		this.clock = clock;
	}

	@Transactional
	Job create(String name, String sourceName, String dataset, JobSpec spec, String schedule) {
		SyncAccess.Caller caller = this.access.requireCreate();
		Source source = this.sources.get(sourceName);
		validate(source, spec, schedule);
		if (this.jobs.findByName(name).isPresent()) {
			throw alreadyExists(name);
		}
		if (!caller.isAdmin()) {
			// only into a dataset that does not exist yet or is the caller's own (asked
			// with
			// the caller's token: a dataset they cannot see counts as absent here, and is
			// caught again at commit)
			this.catalog.dataset(dataset).ifPresent((existing) -> {
				if (!caller.name().equals(existing.owner())) {
					throw new CorelakeException(CommonErrorCode.ACCESS_DENIED, "Dataset '" + dataset
							+ "' belongs to another owner; a job may only write into its " + "owner's datasets.");
				}
			});
		}
		Instant now = this.clock.instant();
		Instant nextFire = (schedule != null) ? JobSchedule.next(schedule, now) : null;
		try {
			return this.jobs.insert(new Job(0, name, caller.name(), caller.isAdmin(), source.id(), source.name(),
					dataset, spec, schedule, nextFire, null, now));
		}
		catch (DuplicateKeyException ex) {
			throw alreadyExists(name);
		}
	}

	/**
	 * A job the caller may read.
	 * @param name its name
	 * @return the job
	 * @throws CorelakeException {@code SYNC_JOB_NOT_FOUND} when absent or not readable
	 */
	public Job get(String name) {
		Job job = this.jobs.findByName(name).orElseThrow(() -> notFound(name));
		if (!this.access.caller().canRead(job.owner())) {
			throw notFound(name);
		}
		return job;
	}

	/**
	 * A job the caller may change and run.
	 * @param name its name
	 * @return the job
	 * @throws CorelakeException {@code SYNC_JOB_NOT_FOUND} when not readable, 403 when
	 * not writable
	 */
	public Job getWritable(String name) {
		Job job = get(name);
		if (!this.access.caller().canWrite(job.owner())) {
			throw new CorelakeException(CommonErrorCode.ACCESS_DENIED,
					"Only the owner of job '" + name + "' or an administrator may change or run it.");
		}
		return job;
	}

	PageResponse<Job> list(int page, int size) {
		SyncAccess.Caller caller = this.access.caller();
		String owner = caller.readsAll() ? null : caller.name();
		return PageResponse.of(this.jobs.page(owner, page * size, size), page, size, this.jobs.count(owner));
	}

	@Transactional
	void delete(String name) {
		Job job = getWritable(name);
		this.jobs.lock(job.id());
		if (this.jobs.activeRuns(job.id()) > 0) {
			throw new CorelakeException(SyncErrorCode.RUN_ALREADY_ACTIVE,
					"Job '" + name + "' has a run that has not finished; cancel it or wait for it first.");
		}
		this.jobs.delete(job.id());
	}

	@Transactional
	Job resetHighWaterMark(String name) {
		Job job = getWritable(name);
		this.jobs.lock(job.id());
		if (this.jobs.activeRuns(job.id()) > 0) {
			throw new CorelakeException(SyncErrorCode.RUN_ALREADY_ACTIVE,
					"Job '" + name + "' has a run that has not finished; its mark cannot change now.");
		}
		this.jobs.setHighWaterMark(job.id(), null);
		return this.jobs.findById(job.id()).orElseThrow();
	}

	private static void validate(Source source, JobSpec spec, String schedule) {
		List<FieldViolation> violations = new ArrayList<>();
		boolean jdbc = source.kind() == SourceKind.JDBC;
		if (jdbc) {
			if (spec.table() == null) {
				violations.add(new FieldViolation("table", "is required for a jdbc source"));
			}
			else if (!spec.table().matches(TABLE_PATTERN)) {
				violations
					.add(new FieldViolation("table", "must be table or schema.table (letters, digits, '_', '$')"));
			}
			checkColumns(violations, "columns", spec.columns());
		}
		else {
			if (spec.table() != null) {
				violations.add(new FieldViolation("table", "applies to jdbc sources only"));
			}
			if (spec.columns() != null) {
				violations.add(new FieldViolation("columns",
						"applies to jdbc sources only (declare a file's columns " + "on its source)"));
			}
			if (spec.keyColumns() != null) {
				violations.add(new FieldViolation("keyColumns", "applies to jdbc sources only"));
			}
		}
		checkColumns(violations, "keyColumns", spec.keyColumns());
		if (spec.mode() == SyncMode.INCREMENTAL) {
			if (spec.cursorColumn() == null) {
				violations.add(new FieldViolation("cursorColumn", "is required in incremental mode"));
			}
		}
		else if (spec.cursorColumn() != null) {
			violations.add(new FieldViolation("cursorColumn", "applies to incremental mode only"));
		}
		if (spec.cursorColumn() != null) {
			if (jdbc) {
				if (!spec.cursorColumn().matches(COLUMN_PATTERN)) {
					violations
						.add(new FieldViolation("cursorColumn", "must be a column name (letters, digits, '_', '$')"));
				}
			}
			else {
				checkFileCursor(violations, source, spec.cursorColumn());
			}
		}
		if (schedule != null) {
			try {
				JobSchedule.parse(schedule);
			}
			catch (IllegalArgumentException ex) {
				violations.add(new FieldViolation("schedule", "is not a cron expression: " + ex.getMessage()));
			}
		}
		if (!violations.isEmpty()) {
			throw new CorelakeException(CommonErrorCode.VALIDATION_FAILED, "The job is not valid.")
				.withViolations(violations);
		}
	}

	/**
	 * Checks a file source's cursor column as far as it can be known without reading the
	 * file: among the declared columns, of a type that orders rows; {@code _c0},
	 * {@code _c1}, … for a CSV file without header or declared columns. Columns named by
	 * a header or by the first JSON object are checked when a run reads them.
	 */
	private static void checkFileCursor(List<FieldViolation> violations, Source source, String cursor) {
		if (cursor.isBlank() || cursor.length() > MAX_FILE_COLUMN || cursor.chars().anyMatch(Character::isISOControl)) {
			violations.add(new FieldViolation("cursorColumn",
					"must be a column name (1 to " + MAX_FILE_COLUMN + " characters, no control characters)"));
			return;
		}
		List<ColumnSpec> declared = source.settings().columns();
		if (declared != null) {
			ColumnSpec match = declared.stream()
				.filter((column) -> column.name().equals(cursor))
				.findFirst()
				.or(() -> declared.stream().filter((column) -> column.name().equalsIgnoreCase(cursor)).findFirst())
				.orElse(null);
			if (match == null) {
				violations.add(new FieldViolation("cursorColumn", "is not among the columns source '" + source.name()
						+ "' declares: " + declared.stream().map(ColumnSpec::name).toList()));
			}
			else {
				ColumnType type = ColumnType.column(match.name(), match.type(), true).type();
				if (!type.cursorCapable()) {
					violations.add(new FieldViolation("cursorColumn", "is a " + type.sqlName()
							+ " column; a cursor must be a number, a string, a date or a timestamp"));
				}
			}
		}
		else if (source.kind() == SourceKind.CSV && !source.settings().hasHeader() && !cursor.matches("_c\\d{1,4}")) {
			violations.add(new FieldViolation("cursorColumn",
					"must be _c0, _c1, … for a CSV source without header or declared columns"));
		}
	}

	private static void checkColumns(List<FieldViolation> violations, String field, List<String> columns) {
		if (columns == null) {
			return;
		}
		if (columns.isEmpty()) {
			violations.add(new FieldViolation(field, "must not be empty when given"));
		}
		for (int i = 0; i < columns.size(); i++) {
			if (columns.get(i) == null || !columns.get(i).matches(COLUMN_PATTERN)) {
				violations.add(
						new FieldViolation(field + "[" + i + "]", "must be a column name (letters, digits, '_', '$')"));
			}
		}
	}

	private static CorelakeException notFound(String name) {
		return new CorelakeException(SyncErrorCode.SYNC_JOB_NOT_FOUND, "Sync job '" + name + "' does not exist.");
	}

	private static CorelakeException alreadyExists(String name) {
		return new CorelakeException(SyncErrorCode.JOB_ALREADY_EXISTS, "Sync job '" + name + "' already exists.");
	}

}
