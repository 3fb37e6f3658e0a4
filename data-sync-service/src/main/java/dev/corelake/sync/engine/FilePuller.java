package dev.corelake.sync.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.corelake.errors.CorelakeException;
import dev.corelake.sync.format.Column;
import dev.corelake.sync.format.ColumnType;
import dev.corelake.sync.format.TableSchema;
import dev.corelake.sync.format.TextRecordReader;
import dev.corelake.sync.format.Values;
import dev.corelake.sync.job.JobSpec;
import dev.corelake.sync.job.SyncMode;
import dev.corelake.sync.net.FileGuard;
import dev.corelake.sync.net.UrlFetcher;
import dev.corelake.sync.source.ColumnSpec;
import dev.corelake.sync.source.Source;
import dev.corelake.sync.source.SourceKind;
import dev.corelake.sync.source.SourceService;
import dev.corelake.sync.source.SourceSettings;
import dev.corelake.sync.system.SyncErrorCode;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plans and reads CSV and JSON Lines sources, from a file in an allowed directory or an
 * allowlisted URL. The position of a checkpoint is the byte offset after its last record;
 * a resumed attempt checks that the file is unchanged (size and time, or entity tag and
 * length), reads the header again, and skips to that offset.
 *
 * @author Corelake
 */
final class FilePuller {

	private final FileGuard files;

	private final UrlFetcher urls;

	private final JsonMapper json;

	private final int maxRecordBytes;

	FilePuller(FileGuard files, UrlFetcher urls, int maxRecordBytes) {
		this.files = files;
		this.urls = urls;
		// numbers with a fraction are kept exact (decimal columns), not turned into
		// doubles
		this.json = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
		this.maxRecordBytes = maxRecordBytes;
	}

	/**
	 * Plans a run: the file's fingerprint, the columns and, for an incremental job, the
	 * cursor column and the mark the rows read must be above.
	 * @param source the source
	 * @param spec the job
	 * @param mark the job's high-water mark, or {@code null}
	 * @return the plan and the total bytes (-1 when unknown)
	 * @throws IOException when the source fails
	 */
	Planned plan(Source source, JobSpec spec, TypedValue mark) throws IOException {
		Opened opened = open(source);
		try (TextRecordReader reader = reader(source, opened.in())) {
			SourceSettings settings = source.settings();
			List<Integer> fieldIndexes = new ArrayList<>();
			TableSchema schema;
			if (source.kind() == SourceKind.CSV) {
				List<String> first = (reader.next() == TextRecordReader.Result.RECORD) ? List.copyOf(reader.fields())
						: List.of();
				schema = csvSchema(settings, first, fieldIndexes);
			}
			else {
				schema = jsonSchema(settings, reader);
			}
			Integer cursor = null;
			TypedValue lowerBound = null;
			if (spec.mode() == SyncMode.INCREMENTAL) {
				cursor = cursorColumn(source, schema, spec.cursorColumn());
				lowerBound = (mark != null) ? lowerBound(schema.columns().get(cursor), mark) : null;
			}
			RunPlan plan = new RunPlan(RunPlan.columnsOf(schema), null, null, List.of(), cursor, lowerBound, null,
					opened.size(), opened.time(), opened.etag(), opened.lastModified(),
					fieldIndexes.isEmpty() ? null : fieldIndexes, false);
			return new Planned(plan, opened.size());
		}
	}

	private static int cursorColumn(Source source, TableSchema schema, String name) {
		int index = schema.indexOf(name);
		if (index < 0) {
			throw new CorelakeException(SyncErrorCode.SOURCE_READ_FAILED, "The cursor column '" + name
					+ "' is not among the columns of " + source.origin() + ": " + schema.names());
		}
		Column column = schema.columns().get(index);
		if (!column.type().cursorCapable()) {
			throw new CorelakeException(SyncErrorCode.SOURCE_READ_FAILED, "The cursor column '" + name + "' is a "
					+ column.sqlType() + " column; a cursor must be a number, a string, a date or a timestamp.");
		}
		return index;
	}

	/** The job's mark as a value of the cursor column (whose type may have changed). */
	private static TypedValue lowerBound(Column cursor, TypedValue mark) {
		try {
			return TypedValue.of(cursor.type(), mark.rowValue(cursor));
		}
		catch (IllegalArgumentException ex) {
			throw new CorelakeException(SyncErrorCode.SOURCE_READ_FAILED,
					"The job's high-water mark '" + mark.value() + "' is not a value of the cursor column ("
							+ ex.getMessage() + "); reset the mark to read the source again from the start.");
		}
	}

	/**
	 * Opens the records of a plan, after an offset when resuming.
	 * @param source the source
	 * @param plan the plan
	 * @param offset the offset after the last record checkpointed, 0 for the start
	 * @return the reader
	 * @throws IOException when the source fails
	 */
	RowReader open(Source source, RunPlan plan, long offset) throws IOException {
		Opened opened = open(source);
		if (!Objects.equals(opened.size(), plan.fileSize()) || !Objects.equals(opened.time(), plan.fileTime())
				|| !Objects.equals(opened.etag(), plan.etag())
				|| !Objects.equals(opened.lastModified(), plan.lastModified())) {
			opened.in().close();
			throw new CorelakeException(SyncErrorCode.SOURCE_CHANGED, "Source '" + source.name()
					+ "' changed since the run started (size, modification time or entity tag differ).");
		}
		TextRecordReader reader = reader(source, opened.in());
		try {
			if (source.kind() == SourceKind.CSV && source.settings().hasHeader()) {
				reader.next();
			}
			if (offset > reader.offset()) {
				reader.skipTo(offset);
			}
			return new Reader(reader, source.kind(), plan, this.json, offset);
		}
		catch (IOException | RuntimeException ex) {
			reader.close();
			throw ex;
		}
	}

	private TextRecordReader reader(Source source, InputStream in) {
		SourceSettings settings = source.settings();
		return (source.kind() == SourceKind.CSV)
				? TextRecordReader.csv(in, 0, settings.delimiterChar(), settings.quoteChar(), this.maxRecordBytes)
				: TextRecordReader.lines(in, 0, this.maxRecordBytes);
	}

	private Opened open(Source source) {
		SourceSettings settings = source.settings();
		if (settings.path() != null) {
			Path path = this.files.check(settings.path());
			long[] sizeAndTime = this.files.sizeAndTime(path);
			return new Opened(this.files.open(path), sizeAndTime[0], sizeAndTime[1], null, null);
		}
		UrlFetcher.Fetched fetched = this.urls.open(SourceService.uri(settings.url()));
		Long length = (fetched.contentLength() >= 0) ? fetched.contentLength() : null;
		return new Opened(fetched.body(), length, null, fetched.etag(), fetched.lastModified());
	}

	private static TableSchema csvSchema(SourceSettings settings, List<String> first, List<Integer> fieldIndexes) {
		List<Column> columns = new ArrayList<>();
		if (settings.columns() != null) {
			for (int i = 0; i < settings.columns().size(); i++) {
				ColumnSpec spec = settings.columns().get(i);
				columns.add(ColumnType.column(spec.name(), spec.type(), spec.allowsNull()));
				if (settings.hasHeader()) {
					int index = indexOfIgnoringCase(first, spec.name());
					if (index < 0) {
						throw new CorelakeException(SyncErrorCode.SOURCE_READ_FAILED,
								"The declared column '" + spec.name() + "' is not in the CSV header " + first);
					}
					fieldIndexes.add(index);
				}
				else {
					fieldIndexes.add(i);
				}
			}
		}
		else {
			if (first.isEmpty()) {
				throw new CorelakeException(SyncErrorCode.SOURCE_READ_FAILED,
						"The CSV source is empty and declares no columns.");
			}
			for (int i = 0; i < first.size(); i++) {
				String name = (settings.hasHeader() && !first.get(i).isBlank()) ? first.get(i).strip() : "_c" + i;
				columns.add(new Column(name, ColumnType.STRING, 0, 0, true));
				fieldIndexes.add(i);
			}
		}
		try {
			return new TableSchema(columns);
		}
		catch (IllegalArgumentException ex) {
			throw new CorelakeException(SyncErrorCode.SOURCE_READ_FAILED,
					"The CSV columns are not valid: " + ex.getMessage());
		}
	}

	private TableSchema jsonSchema(SourceSettings settings, TextRecordReader reader) throws IOException {
		List<Column> columns = new ArrayList<>();
		if (settings.columns() != null) {
			for (ColumnSpec spec : settings.columns()) {
				columns.add(ColumnType.column(spec.name(), spec.type(), spec.allowsNull()));
			}
		}
		else {
			TextRecordReader.Result result = reader.next();
			JsonNode first = null;
			if (result == TextRecordReader.Result.RECORD) {
				try {
					first = this.json.readTree(reader.line());
				}
				catch (JacksonException ex) {
					first = null;
				}
			}
			if (first == null || !first.isObject()) {
				throw new CorelakeException(SyncErrorCode.SOURCE_READ_FAILED,
						"The first line of the JSON Lines source is not a JSON object, and the source declares no "
								+ "columns.");
			}
			for (Map.Entry<String, JsonNode> member : first.properties()) {
				columns.add(new Column(member.getKey(), ColumnType.STRING, 0, 0, true));
			}
		}
		try {
			return new TableSchema(columns);
		}
		catch (IllegalArgumentException ex) {
			throw new CorelakeException(SyncErrorCode.SOURCE_READ_FAILED,
					"The JSON Lines columns are not valid: " + ex.getMessage());
		}
	}

	private static int indexOfIgnoringCase(List<String> names, String name) {
		for (int i = 0; i < names.size(); i++) {
			if (names.get(i).strip().equalsIgnoreCase(name)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * A plan and the source's size.
	 *
	 * @param plan the plan
	 * @param totalBytes bytes in the source, or {@code null}
	 */
	record Planned(RunPlan plan, Long totalBytes) {
	}

	private record Opened(InputStream in, Long size, Long time, String etag, String lastModified) {
	}

	/**
	 * Turns records into rows. For an incremental run, a record whose cursor value is
	 * missing or not above the lower bound is skipped before the rest of it is parsed (so
	 * a bad record already read by an earlier run is not rejected again), and counted.
	 */
	private static final class Reader implements RowReader {

		private final TextRecordReader reader;

		private final SourceKind kind;

		private final Column[] columns;

		private final int[] fieldIndexes;

		private final int expectedFields;

		private final JsonMapper json;

		private final long startOffset;

		private final int cursor;

		private final Column cursorColumn;

		private final Object lowerBound;

		private long skippedNoCursor;

		private long skippedBelowMark;

		Reader(TextRecordReader reader, SourceKind kind, RunPlan plan, JsonMapper json, long startOffset) {
			this.reader = reader;
			this.kind = kind;
			this.columns = plan.schema().columns().toArray(Column[]::new);
			this.fieldIndexes = (plan.fieldIndexes() != null)
					? plan.fieldIndexes().stream().mapToInt(Integer::intValue).toArray() : null;
			int expected = 0;
			if (this.fieldIndexes != null) {
				for (int index : this.fieldIndexes) {
					expected = Math.max(expected, index + 1);
				}
			}
			this.expectedFields = expected;
			this.json = json;
			this.startOffset = startOffset;
			this.cursor = (plan.cursorColumn() != null) ? plan.cursorColumn() : -1;
			this.cursorColumn = (this.cursor >= 0) ? this.columns[this.cursor] : null;
			this.lowerBound = (plan.lowerBound() != null) ? plan.lowerBound().rowValue(this.cursorColumn) : null;
		}

		@Override
		public boolean next(RowBatch batch) throws IOException {
			while (true) {
				TextRecordReader.Result result = this.reader.next();
				if (result == TextRecordReader.Result.END) {
					return false;
				}
				long offset = this.reader.offset();
				if (result == TextRecordReader.Result.REJECTED) {
					batch.addReject(this.reader.problem(), this.reader.raw(), offset, this.skippedNoCursor,
							this.skippedBelowMark);
					return true;
				}
				try {
					Object[] row = (this.kind == SourceKind.CSV) ? csvRow(this.reader.fields()) : jsonRow();
					if (row == null) {
						// skipped by the cursor: read on
						continue;
					}
					batch.addRow(row, offset, this.skippedNoCursor, this.skippedBelowMark);
				}
				catch (IllegalArgumentException ex) {
					batch.addReject(ex.getMessage(), this.reader.raw(), offset, this.skippedNoCursor,
							this.skippedBelowMark);
				}
				return true;
			}
		}

		/**
		 * Whether a record with this cursor text is read; counts the ones that are not.
		 * @return the cursor's value, or {@code null} when the record is skipped
		 */
		private Object cursorValue(String text) {
			if (text == null || text.isBlank()) {
				this.skippedNoCursor++;
				return null;
			}
			Object value = Values.parse(this.cursorColumn, text);
			if (this.lowerBound != null && Values.compare(this.cursorColumn.type(), value, this.lowerBound) <= 0) {
				this.skippedBelowMark++;
				return null;
			}
			return value;
		}

		private Object[] csvRow(List<String> fields) {
			if (fields.size() < this.expectedFields) {
				throw new IllegalArgumentException(
						"expected at least " + this.expectedFields + " fields, found " + fields.size());
			}
			Object cursorValue = null;
			if (this.cursor >= 0) {
				cursorValue = cursorValue(fields.get(this.fieldIndexes[this.cursor]));
				if (cursorValue == null) {
					return null;
				}
			}
			Object[] row = new Object[this.columns.length];
			for (int i = 0; i < row.length; i++) {
				row[i] = (i == this.cursor) ? cursorValue
						: Values.parse(this.columns[i], fields.get(this.fieldIndexes[i]));
			}
			return row;
		}

		private Object[] jsonRow() {
			JsonNode node;
			try {
				node = this.json.readTree(this.reader.line());
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException("not valid JSON: " + ex.getOriginalMessage());
			}
			if (node == null || !node.isObject()) {
				throw new IllegalArgumentException("not a JSON object");
			}
			Object cursorValue = null;
			if (this.cursor >= 0) {
				cursorValue = cursorValue(text(node.get(this.cursorColumn.name())));
				if (cursorValue == null) {
					return null;
				}
			}
			Object[] row = new Object[this.columns.length];
			for (int i = 0; i < row.length; i++) {
				row[i] = (i == this.cursor) ? cursorValue
						: Values.parse(this.columns[i], text(node.get(this.columns[i].name())));
			}
			return row;
		}

		private static String text(JsonNode value) {
			return (value == null || value.isNull()) ? null
					: (value.isValueNode() ? value.asString() : value.toString());
		}

		@Override
		public long skippedNoCursor() {
			return this.skippedNoCursor;
		}

		@Override
		public long skippedBelowMark() {
			return this.skippedBelowMark;
		}

		@Override
		public long bytesRead() {
			return this.reader.offset() - this.startOffset;
		}

		@Override
		public void close() throws IOException {
			this.reader.close();
		}

	}

}
