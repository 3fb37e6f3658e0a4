package dev.corelake.sync.engine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.corelake.errors.CorelakeException;
import dev.corelake.lake.Lake;
import dev.corelake.lake.Staging;
import dev.corelake.sync.format.ColumnType;
import dev.corelake.sync.format.ParquetPartWriter;
import dev.corelake.sync.format.TableSchema;
import dev.corelake.sync.format.Values;
import dev.corelake.sync.job.Job;
import dev.corelake.sync.job.JobRepository;
import dev.corelake.sync.job.JobSpec;
import dev.corelake.sync.run.Checkpoint;
import dev.corelake.sync.run.Run;
import dev.corelake.sync.run.RunProgress;
import dev.corelake.sync.run.RunRepository;
import dev.corelake.sync.run.RunState;
import dev.corelake.sync.source.Source;
import dev.corelake.sync.source.SourceKind;
import dev.corelake.sync.source.SourceRepository;
import dev.corelake.sync.system.RunProperties;
import dev.corelake.sync.system.SyncErrorCode;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Executes one attempt of a run: plans it (first attempt) or takes up its plan and
 * checkpoints (a resumed attempt), then pulls rows on a reading thread (throttled, paused
 * under heap pressure) into a bounded queue, and writes them on this thread into Parquet
 * part files in the run's staging area, one chunk after the other, checkpointing each. At
 * the end the run moves to {@code COMMITTING} and the committer takes over.
 *
 * @author Corelake
 */
final class RunWorker {

	private final Engine engine;

	private final ActiveRun active;

	private final RunRepository runs;

	private final RunLog log;

	private final JsonMapper json;

	private final Clock clock;

	private Run run;

	private Job job;

	private Source source;

	private RunPlan plan;

	private Staging staging;

	private volatile Connection connection;

	private long sourceBytesBase;

	private volatile long readerWaitNanos;

	private long writerWaitNanos;

	/** The highest cursor value an incremental file run wrote, its next mark. */
	private TypedValue newMark;

	RunWorker(Engine engine, ActiveRun active) {
		this.engine = engine;
		this.active = active;
		this.runs = engine.runs();
		this.log = engine.log();
		this.json = engine.json();
		this.clock = engine.clock();
	}

	/**
	 * Everything the worker needs from the engine.
	 */
	interface Engine {

		RunRepository runs();

		JobRepository jobs();

		SourceRepository sources();

		Lake lake();

		JdbcPuller jdbc();

		FilePuller files();

		HeapPressure heap();

		RunProperties properties();

		ParquetPartWriter.Settings parquet();

		JsonMapper json();

		Clock clock();

		RunLog log();

		String instance();

		Committer committer();

		Instant leaseUntil();

	}

	void execute() {
		long id = this.active.id;
		try {
			this.run = this.runs.findById(id).orElseThrow();
			this.job = this.engine.jobs().findById(this.run.jobId()).orElseThrow();
			this.source = this.engine.sources().findById(this.job.sourceId()).orElseThrow();
			this.log.info(id, "Attempt " + this.run.attempt() + " started on " + this.engine.instance() + ".");
			pull();
			if (this.active.shouldStop()) {
				stopped();
				return;
			}
			// the heartbeat must not write the lease while the commit removes it
			this.active.releaseStaging();
			// an incremental file run learns its new mark while reading: the commit takes
			// it
			// from the plan, as it takes a JDBC run's upper bound
			String completedPlan = (this.newMark != null)
					? this.json.writeValueAsString(this.plan.withUpperBound(this.newMark)) : null;
			if (!this.runs.toCommitting(id, this.engine.instance(), this.active.progress(), this.clock.instant(),
					this.engine.leaseUntil(), completedPlan)) {
				throw new FencedException();
			}
			this.log.info(id, "All rows are in the staging area; committing.");
			this.engine.committer().commit(this.runs.findById(id).orElseThrow());
		}
		catch (FencedException ex) {
			this.log.warn(id, "Another instance took over this run; this attempt stops.");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stopped();
		}
		catch (CorelakeException ex) {
			if (this.active.shouldStop()) {
				stopped();
			}
			else {
				fail(ex.getErrorCode().code(), ex.getBody().getDetail(),
						ex.getErrorCode() == SyncErrorCode.REJECT_LIMIT_EXCEEDED);
			}
		}
		catch (Exception ex) {
			if (this.active.shouldStop()) {
				stopped();
			}
			else {
				boolean lake = ex instanceof IOException || ex instanceof UncheckedIOException;
				boolean database = ex instanceof SQLException;
				String code = database ? SyncErrorCode.SOURCE_READ_FAILED.code()
						: (lake ? SyncErrorCode.LAKE_WRITE_FAILED.code() : SyncErrorCode.SOURCE_READ_FAILED.code());
				String message = (ex instanceof SQLException sql) ? JdbcPuller.safeMessage(sql)
						: ex.getClass().getSimpleName() + ": " + ex.getMessage();
				fail(code, message, false);
			}
		}
		finally {
			closeConnection();
		}
	}

	private void stopped() {
		long id = this.active.id;
		if (this.active.fenced) {
			this.log.warn(id, "Another instance took over this run; this attempt stops.");
		}
		else if (this.active.cancelRequested) {
			abortStaging();
			if (this.runs.endRunning(id, this.engine.instance(), RunState.CANCELLED, null, "Cancelled on request.",
					this.active.progress(), this.clock.instant())) {
				this.log.info(id, "Cancelled; nothing was committed.");
			}
		}
		else {
			this.log.info(id, "This instance is stopping; the run resumes from its last checkpoint.");
		}
	}

	private void fail(String code, String detail, boolean keepRejects) {
		long id = this.active.id;
		if (keepRejects) {
			deleteParts();
		}
		else {
			abortStaging();
		}
		if (this.runs.endRunning(id, this.engine.instance(), RunState.FAILED, code, detail, this.active.progress(),
				this.clock.instant())) {
			this.log.error(id, "Failed (" + code + "): " + detail);
		}
	}

	private void pull() throws Exception {
		long id = this.active.id;
		List<Checkpoint> checkpoints = this.runs.checkpoints(id);
		this.plan = (this.run.planJson() != null) ? this.json.readValue(this.run.planJson(), RunPlan.class) : plan();
		this.staging = this.engine.lake().stage("sync", Long.toString(id));
		this.active.staging = this.staging;
		if (!checkpoints.isEmpty() && !this.plan.resumable()) {
			this.log.warn(id, "The rows of table " + this.plan.table() + " have no fixed order (no key); the run "
					+ "starts over instead of resuming.");
			if (!this.runs.restart(id, this.engine.instance())) {
				throw new FencedException();
			}
			checkpoints = List.of();
		}
		cleanStaging(this.engine.lake().fileSystem(), this.staging.dir(), checkpoints);
		for (Checkpoint checkpoint : checkpoints) {
			this.active.rowsWritten.addAndGet(checkpoint.rows());
			this.active.rowsRejected.addAndGet(checkpoint.rejected());
			this.active.rowsRead.addAndGet(checkpoint.rows() + checkpoint.rejected());
			this.active.bytesWritten.addAndGet(checkpoint.bytes());
			this.active.bytesRead.addAndGet(checkpoint.sourceBytes());
		}
		this.sourceBytesBase = this.active.bytesRead.get();
		Position position = checkpoints.isEmpty() ? Position.START
				: this.json.readValue(checkpoints.get(checkpoints.size() - 1).positionJson(), Position.class);
		if (!checkpoints.isEmpty()) {
			this.log.info(id, "Resuming after chunk " + checkpoints.size() + " (" + this.active.rowsWritten.get()
					+ " rows committed to staging).");
		}
		if (this.plan.empty()) {
			this.log.info(id, "No new rows since the high-water mark.");
		}
		new ChunkWriter(checkpoints.size() + 1, position).run();
	}

	private RunPlan plan() throws Exception {
		long id = this.active.id;
		RunPlan made;
		Long totalRows = null;
		Long totalBytes = null;
		TypedValue mark = (this.job.highWaterMark() != null)
				? this.json.readValue(this.job.highWaterMark(), TypedValue.class) : null;
		if (this.source.kind() == SourceKind.JDBC) {
			this.connection = this.engine.jdbc().connect(this.source);
			JdbcPuller.Planned planned = this.engine.jdbc().plan(this.connection, this.job.spec(), mark);
			made = planned.plan();
			totalRows = planned.totalRows();
			this.log.info(id, "Reading " + totalRows + " rows of " + made.table()
					+ ((made.cursorColumn() != null) ? " with " + made.columns().get(made.cursorColumn()).name()
							+ " in (" + ((mark != null) ? mark.value() : "-∞") + ", "
							+ ((made.upperBound() != null) ? made.upperBound().value() : "-") + "]" : "")
					+ (made.orderColumns().isEmpty() ? " (no key: a crash restarts the run)" : "") + ".");
		}
		else {
			FilePuller.Planned planned = this.engine.files().plan(this.source, this.job.spec(), mark);
			made = planned.plan();
			totalBytes = planned.totalBytes();
			this.log
				.info(id,
						"Reading " + this.source.origin() + " (" + ((totalBytes != null) ? totalBytes : "?")
								+ " bytes, " + made.columns().size() + " columns)"
								+ ((made.cursorColumn() != null) ? ", the records with "
										+ made.columns().get(made.cursorColumn()).name() + " above "
										+ ((made.lowerBound() != null) ? made.lowerBound().value() : "-∞") : "")
								+ ".");
		}
		if (!this.runs.setPlan(id, this.engine.instance(), this.json.writeValueAsString(made), totalRows, totalBytes)) {
			throw new FencedException();
		}
		return made;
	}

	private RowReader openReader(Position position) throws Exception {
		if (this.source.kind() == SourceKind.JDBC) {
			if (this.connection == null) {
				this.connection = this.engine.jdbc().connect(this.source);
			}
			return this.engine.jdbc().open(this.connection, this.plan, position.keys());
		}
		return this.engine.files().open(this.source, this.plan, position.offset());
	}

	/**
	 * Deletes what an interrupted attempt left in the staging area beyond its last
	 * checkpoint.
	 */
	static void cleanStaging(FileSystem fs, Path dir, List<Checkpoint> checkpoints) throws IOException {
		Set<String> keep = new HashSet<>();
		keep.add(Lake.LEASE);
		for (Checkpoint checkpoint : checkpoints) {
			keep.add(checkpoint.part());
			if (checkpoint.rejectsPart() != null) {
				keep.add(checkpoint.rejectsPart());
			}
		}
		if (!fs.exists(dir)) {
			return;
		}
		RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
		List<Path> leftovers = new ArrayList<>();
		String prefix = dir.toUri().getPath() + "/";
		while (files.hasNext()) {
			FileStatus file = files.next();
			String relative = file.getPath().toUri().getPath().substring(prefix.length());
			if (!keep.contains(relative)) {
				leftovers.add(file.getPath());
			}
		}
		for (Path leftover : leftovers) {
			fs.delete(leftover, false);
		}
	}

	private void deleteParts() {
		try {
			FileSystem fs = this.engine.lake().fileSystem();
			if (this.staging == null || !fs.exists(this.staging.dir())) {
				return;
			}
			for (FileStatus file : fs.listStatus(this.staging.dir())) {
				if (file.getPath().getName().endsWith(".parquet")) {
					fs.delete(file.getPath(), false);
				}
			}
		}
		catch (IOException ex) {
			this.log.warn(this.active.id, "Could not remove the staged parts: " + ex.getMessage());
		}
	}

	private void abortStaging() {
		try {
			if (this.staging != null) {
				this.staging.abort();
			}
		}
		catch (UncheckedIOException ex) {
			this.log.warn(this.active.id, "Could not remove the staging area: " + ex.getMessage());
		}
	}

	private void closeConnection() {
		Connection current = this.connection;
		this.connection = null;
		if (current != null) {
			try {
				current.close();
			}
			catch (SQLException ex) {
				// nothing more to do
			}
		}
	}

	/**
	 * Where a chunk leaves the source: the order values of its last row (JDBC) or the
	 * byte offset after its last record (files). An incremental file run also keeps the
	 * highest cursor value written so far (its next mark) and how many records its cursor
	 * skipped before that offset, so a resumed attempt goes on with both exactly.
	 *
	 * @param keys order values
	 * @param offset byte offset
	 * @param cursorMax highest cursor value written up to here, or {@code null}
	 * @param skippedNoCursor records skipped for a missing cursor value, or {@code null}
	 * @param skippedBelowMark records skipped for a cursor value not above the mark, or
	 * {@code null}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Position(List<TypedValue> keys, long offset, TypedValue cursorMax, Long skippedNoCursor,
			Long skippedBelowMark) {

		static final Position START = new Position(List.of(), 0, null, null, null);

		long noCursor() {
			return (this.skippedNoCursor != null) ? this.skippedNoCursor : 0;
		}

		long belowMark() {
			return (this.skippedBelowMark != null) ? this.skippedBelowMark : 0;
		}

	}

	/** Writes the chunks of one attempt. */
	private final class ChunkWriter {

		private final long id = RunWorker.this.active.id;

		private final TableSchema schema = RunWorker.this.plan.schema();

		private final int[] order = RunWorker.this.plan.orderColumns().stream().mapToInt(Integer::intValue).toArray();

		private final boolean jdbc = RunWorker.this.plan.table() != null;

		/** The cursor of an incremental file run, -1 otherwise. */
		private final int cursor = (!this.jdbc && RunWorker.this.plan.cursorColumn() != null)
				? RunWorker.this.plan.cursorColumn() : -1;

		private final ColumnType cursorType = (this.cursor >= 0) ? this.schema.columns().get(this.cursor).type() : null;

		private Object cursorMax;

		/** Records skipped by the cursor before this attempt's start offset. */
		private long baseNoCursor;

		private long baseBelowMark;

		/** The byte offset after the last record consumed (files). */
		private long fileOffset;

		private long noCursor;

		private long belowMark;

		private RowReader reader;

		private final long chunkRows;

		private final Long rejectCount;

		private final Double rejectPercent;

		private int seq;

		private Position position;

		private Chunk chunk;

		private Object[] lastRow;

		private boolean wantClose;

		private long checkpointedSourceBytes = RunWorker.this.sourceBytesBase;

		private long started;

		ChunkWriter(int seq, Position position) {
			JobSpec spec = RunWorker.this.job.spec();
			this.seq = seq;
			this.position = position;
			this.chunkRows = (spec.chunkRows() != null) ? spec.chunkRows()
					: RunWorker.this.engine.properties().chunkRows();
			this.rejectCount = spec.rejectCount();
			this.rejectPercent = spec.rejectPercent();
			this.fileOffset = position.offset();
			this.baseNoCursor = position.noCursor();
			this.baseBelowMark = position.belowMark();
			this.noCursor = this.baseNoCursor;
			this.belowMark = this.baseBelowMark;
			if (this.cursor >= 0 && position.cursorMax() != null) {
				this.cursorMax = position.cursorMax().rowValue(this.schema.columns().get(this.cursor));
			}
		}

		void run() throws Exception {
			ActiveRun active = RunWorker.this.active;
			JobSpec spec = RunWorker.this.job.spec();
			this.started = System.nanoTime();
			long readAtStart = active.rowsRead.get();
			if (!RunWorker.this.plan.empty()) {
				RowReader reader = openReader(this.position);
				this.reader = reader;
				BlockingQueue<RowBatch> queue = new ArrayBlockingQueue<>(
						RunWorker.this.engine.properties().queueBatches());
				Thread pump = new Thread(
						new Pump(reader, queue, new Throttle(spec.rowsPerSecond(), spec.bytesPerSecond()), Throttle
							.batchRows(spec.rowsPerSecond(), RunWorker.this.engine.properties().batchRows())),
						"sync-read-" + this.id);
				pump.setDaemon(true);
				pump.start();
				try {
					consume(queue);
				}
				finally {
					pump.interrupt();
					pump.join(2000);
					if (pump.isAlive()) {
						// blocked in the driver: closing the connection unblocks it
						closeConnection();
						pump.join(5000);
					}
				}
			}
			if (active.shouldStop()) {
				return;
			}
			finish();
			if (this.cursor >= 0) {
				endCursor();
			}
			long read = active.rowsRead.get() - readAtStart;
			double seconds = (System.nanoTime() - this.started) / 1e9;
			RunWorker.this.log.info(this.id, String.format(java.util.Locale.ROOT,
					"Read %d records in %.2f s (%.0f records/s); %d rows written, %d rejected; the reader waited "
							+ "%.2f s for the writer, the writer %.2f s for the reader.",
					read, seconds, (seconds > 0) ? read / seconds : 0.0, active.rowsWritten.get(),
					active.rowsRejected.get(), RunWorker.this.readerWaitNanos / 1e9,
					RunWorker.this.writerWaitNanos / 1e9));
		}

		private void consume(BlockingQueue<RowBatch> queue) throws Exception {
			ActiveRun active = RunWorker.this.active;
			while (true) {
				if (active.shouldStop()) {
					discardChunk();
					return;
				}
				long waitStarted = System.nanoTime();
				RowBatch batch = queue.poll(200, TimeUnit.MILLISECONDS);
				RunWorker.this.writerWaitNanos += System.nanoTime() - waitStarted;
				if (batch == null) {
					continue;
				}
				if (batch == RowBatch.END) {
					return;
				}
				if (batch.failure != null) {
					discardChunk();
					throw batch.failure;
				}
				for (int i = 0; i < batch.size; i++) {
					Object[] row = batch.rows[i];
					if (this.wantClose && row != null && boundary(row)) {
						closeChunk();
					}
					if (this.chunk == null) {
						this.chunk = new Chunk(this.seq);
					}
					if (row == null) {
						this.chunk.reject(batch.rejectReasons[i], batch.rejectRecords[i], batch.offset(i));
						active.rowsRejected.incrementAndGet();
						checkRejectCount();
					}
					else {
						this.chunk.write(row, batch.utf8, i);
						this.lastRow = row;
						if (this.cursor >= 0) {
							Object value = row[this.cursor];
							if (this.cursorMax == null || Values.compare(this.cursorType, value, this.cursorMax) > 0) {
								this.cursorMax = value;
							}
						}
						active.rowsWritten.incrementAndGet();
					}
					active.rowsRead.incrementAndGet();
					if (!this.jdbc) {
						this.fileOffset = batch.offset(i);
						if (batch.skippedNoCursor != null) {
							this.noCursor = this.baseNoCursor + batch.skippedNoCursor[i];
							this.belowMark = this.baseBelowMark + batch.skippedBelowMark[i];
						}
					}
					if (this.chunk.rows() + this.chunk.rejected() >= this.chunkRows) {
						this.wantClose = true;
					}
				}
				active.bytesRead.set(RunWorker.this.sourceBytesBase + batch.sourceBytes);
			}
		}

		/** Takes the new mark and logs what the cursor skipped over the whole run. */
		private void endCursor() {
			long noCursorTotal = this.baseNoCursor + ((this.reader != null) ? this.reader.skippedNoCursor() : 0);
			long belowMarkTotal = this.baseBelowMark + ((this.reader != null) ? this.reader.skippedBelowMark() : 0);
			String name = this.schema.columns().get(this.cursor).name();
			RunWorker.this.newMark = (this.cursorMax != null) ? TypedValue.of(this.cursorType, this.cursorMax) : null;
			RunWorker.this.log.info(this.id,
					"Skipped " + belowMarkTotal + " records with " + name + " not above the mark and " + noCursorTotal
							+ " records without a value of " + name + "; "
							+ ((RunWorker.this.newMark != null)
									? "the mark moves to " + RunWorker.this.newMark.value() + " when the run commits."
									: "no new rows, the mark stays."));
		}

		/** Whether a chunk may end before this row: never between rows of equal order. */
		private boolean boundary(Object[] row) {
			if (!this.jdbc || this.order.length == 0 || this.lastRow == null) {
				return true;
			}
			for (int index : this.order) {
				if (!java.util.Objects.deepEquals(row[index], this.lastRow[index])) {
					return true;
				}
			}
			return false;
		}

		private void finish() throws Exception {
			ActiveRun active = RunWorker.this.active;
			long total = active.rowsRead.get();
			if (this.rejectPercent != null && total > 0
					&& 100.0 * active.rowsRejected.get() / total > this.rejectPercent) {
				discardChunk();
				throw new CorelakeException(SyncErrorCode.REJECT_LIMIT_EXCEEDED,
						String.format(java.util.Locale.ROOT,
								"%d of %d records were rejected (%.2f%%), more than the limit of %s%%; nothing was "
										+ "committed.",
								active.rowsRejected.get(), total, 100.0 * active.rowsRejected.get() / total,
								this.rejectPercent));
			}
			if (this.chunk != null) {
				closeChunk();
			}
			else if (this.seq == 1) {
				// no rows at all: one empty part carries the schema
				this.chunk = new Chunk(this.seq);
				closeChunk();
			}
		}

		private void checkRejectCount() {
			ActiveRun active = RunWorker.this.active;
			if (this.rejectCount != null && active.rowsRejected.get() > this.rejectCount) {
				discardChunk();
				throw new CorelakeException(SyncErrorCode.REJECT_LIMIT_EXCEEDED,
						active.rowsRejected.get() + " records were rejected, more than the limit of " + this.rejectCount
								+ "; nothing was committed.");
			}
		}

		private void closeChunk() throws IOException {
			ActiveRun active = RunWorker.this.active;
			Chunk closing = this.chunk;
			this.chunk = null;
			this.wantClose = false;
			long bytes = closing.finish();
			if (this.jdbc && this.lastRow != null && this.order.length > 0) {
				List<TypedValue> keys = new ArrayList<>();
				for (int index : this.order) {
					keys.add(TypedValue.of(this.schema.columns().get(index).type(), this.lastRow[index]));
				}
				this.position = new Position(keys, 0, null, null, null);
			}
			else if (!this.jdbc) {
				boolean incremental = this.cursor >= 0;
				this.position = new Position(List.of(), this.fileOffset,
						(incremental && this.cursorMax != null) ? TypedValue.of(this.cursorType, this.cursorMax) : null,
						incremental ? this.noCursor : null, incremental ? this.belowMark : null);
			}
			active.bytesWritten.addAndGet(bytes);
			long sourceBytes = active.bytesRead.get() - this.checkpointedSourceBytes;
			this.checkpointedSourceBytes = active.bytesRead.get();
			Checkpoint checkpoint = new Checkpoint(this.seq, closing.partName, closing.rejectsName(), closing.rows(),
					closing.rejected(), bytes, Math.max(0, sourceBytes),
					RunWorker.this.json.writeValueAsString(this.position));
			RunProgress progress = active.progress();
			if (!RunWorker.this.runs.checkpoint(this.id, RunWorker.this.engine.instance(), checkpoint, progress,
					RunWorker.this.engine.leaseUntil(), RunWorker.this.clock.instant())) {
				active.fenced = true;
				throw new FencedException();
			}
			active.heartbeatStaging();
			this.seq++;
		}

		private void discardChunk() {
			if (this.chunk != null) {
				this.chunk.discard();
				this.chunk = null;
			}
		}

	}

	/** One chunk being written: its part file and its rejects file. */
	private final class Chunk {

		final String partName;

		private final String rejectsName;

		private final ParquetPartWriter part;

		private BufferedWriter rejects;

		private long rejected;

		Chunk(int seq) throws IOException {
			String suffix = String.format(java.util.Locale.ROOT, "%05d-a%d", seq, RunWorker.this.run.attempt());
			this.partName = "part-" + suffix + ".parquet";
			this.rejectsName = "_rejects/rejects-" + suffix + ".jsonl";
			this.part = new ParquetPartWriter(RunWorker.this.engine.lake().fileSystem(),
					RunWorker.this.staging.file(this.partName), RunWorker.this.plan.schema(),
					RunWorker.this.engine.parquet());
		}

		void write(Object[] row, byte[][][] utf8, int index) throws IOException {
			this.part.write(row, utf8, index);
		}

		void reject(String reason, String record, long offset) throws IOException {
			if (this.rejects == null) {
				this.rejects = new BufferedWriter(new OutputStreamWriter(RunWorker.this.engine.lake()
					.fileSystem()
					.create(RunWorker.this.staging.file(this.rejectsName), true), StandardCharsets.UTF_8));
			}
			Map<String, Object> line = new LinkedHashMap<>();
			line.put("reason", reason);
			line.put("record", record);
			if (offset >= 0) {
				line.put("offset", offset);
			}
			this.rejects.write(RunWorker.this.json.writeValueAsString(line));
			this.rejects.write('\n');
			this.rejected++;
			if (this.rejected <= 20) {
				RunWorker.this.log.warn(RunWorker.this.active.id, "Rejected a record: " + reason);
			}
		}

		long rows() {
			return this.part.rows();
		}

		long rejected() {
			return this.rejected;
		}

		String rejectsName() {
			return (this.rejects != null) ? this.rejectsName : null;
		}

		long finish() throws IOException {
			if (this.rejects != null) {
				this.rejects.close();
			}
			return this.part.finish();
		}

		void discard() {
			try {
				this.part.close();
				if (this.rejects != null) {
					this.rejects.close();
				}
			}
			catch (IOException | RuntimeException ex) {
				// the leftovers are cleaned by the next attempt or the abort
			}
		}

	}

	/** Reads batches on its own thread, throttled, pausing under heap pressure. */
	private final class Pump implements Runnable {

		private final RowReader reader;

		private final BlockingQueue<RowBatch> queue;

		private final Throttle throttle;

		private final int batchRows;

		private final int[] stringColumns;

		Pump(RowReader reader, BlockingQueue<RowBatch> queue, Throttle throttle, int batchRows) {
			List<RunPlan.PlanColumn> columns = RunWorker.this.plan.columns();
			this.stringColumns = java.util.stream.IntStream.range(0, columns.size())
				.filter((i) -> columns.get(i).type() == dev.corelake.sync.format.ColumnType.STRING)
				.toArray();
			this.reader = reader;
			this.queue = queue;
			this.throttle = throttle;
			this.batchRows = batchRows;
		}

		@Override
		public void run() {
			ActiveRun active = RunWorker.this.active;
			long lastBytes = 0;
			try (RowReader source = this.reader) {
				while (!active.shouldStop()) {
					RunWorker.this.engine.heap().awaitRelief(active::shouldStop);
					this.throttle.beforeRows(this.batchRows);
					RowBatch batch = new RowBatch(this.batchRows);
					int columns = RunWorker.this.plan.columns().size();
					boolean more = true;
					while (!batch.isFull() && (more = source.next(batch))) {
						// fill the batch
					}
					long bytes = source.bytesRead();
					this.throttle.afterBytes(bytes - lastBytes);
					lastBytes = bytes;
					batch.sourceBytes = bytes;
					if (this.queue.remainingCapacity() == 0) {
						// the writer is behind (the queue is full and this thread would
						// only wait): encode the strings here, sparing the writer that
						// work; otherwise the writer encodes them, so that a slow source
						// is not slowed further
						batch.encodeStrings(this.stringColumns, columns);
					}
					if (batch.size > 0) {
						long waitStarted = System.nanoTime();
						this.queue.put(batch);
						RunWorker.this.readerWaitNanos += System.nanoTime() - waitStarted;
					}
					if (!more) {
						this.queue.put(RowBatch.END);
						return;
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (Exception ex) {
				RowBatch failed = new RowBatch(0);
				failed.failure = (ex instanceof RuntimeException runtime) ? runtime
						: new CorelakeException(SyncErrorCode.SOURCE_READ_FAILED, "Reading the source failed: "
								+ ((ex instanceof SQLException sql) ? JdbcPuller.safeMessage(sql) : ex.getMessage()),
								ex);
				try {
					this.queue.put(failed);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

	/** This instance no longer holds the run. */
	static final class FencedException extends RuntimeException {

		FencedException() {
			super("fenced", null, false, false);
		}

	}

}
