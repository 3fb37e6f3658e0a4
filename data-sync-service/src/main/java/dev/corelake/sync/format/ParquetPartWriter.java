package dev.corelake.sync.format;

import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * One Parquet part file being written through the Hadoop {@code FileSystem} API. Memory
 * stays bounded by the row group size: Parquet buffers at most one row group (encoded and
 * compressed pages) before flushing it to the file.
 * <p>
 * Rows go straight into Parquet's column writers, one call per value, without the record
 * consumer layer of {@code ParquetWriter} (which tracks fields, levels and nulls per
 * record for any nesting): synced tables are flat, so a value's definition level is 1
 * when its column is optional and 0 when it is required, and a null is level 0. Row
 * groups are cut as {@code ParquetWriter} cuts them (the same size checks at the same
 * rows), so the files are the same.
 *
 * @author Corelake
 */
public final class ParquetPartWriter implements Closeable {

	/** Key-value metadata in every file's footer. */
	private static final Map<String, String> METADATA = Map.of("corelake.writer", "data-sync-service");

	private final FileSystem fileSystem;

	private final Path path;

	private final MessageType messageType;

	private final ParquetProperties properties;

	private final long rowGroupBytes;

	private final CodecFactory codecs;

	private final BytesInputCompressor compressor;

	private final ParquetFileWriter file;

	private final List<ColumnDescriptor> descriptors;

	private final ColumnType[] types;

	/** Definition level of a present value: 1 for optional columns, 0 for required. */
	private final int[] levels;

	/** Bytes of a fixed-length decimal (more than 18 digits), else 0. */
	private final int[] fixedLengths;

	private ColumnChunkPageWriteStore pages;

	private ColumnWriteStore columns;

	private ColumnWriter[] writers;

	private int rowGroupOrdinal;

	private long rows;

	/** Rows buffered in the current row group. */
	private long groupRows;

	/** The row count of the current row group at which its size is checked next. */
	private long nextSizeCheck;

	private long nextRowGroupBytes;

	private long lastRowGroupEnd;

	private boolean closed;

	private boolean aborted;

	/**
	 * Settings of the part files.
	 *
	 * @param rowGroupBytes target size of a row group (the unit Parquet buffers in
	 * memory)
	 * @param pageBytes target size of a page
	 * @param compression compression codec ({@code SNAPPY}, {@code ZSTD},
	 * {@code UNCOMPRESSED}, …)
	 * @param dictionary whether to dictionary-encode columns
	 */
	public record Settings(long rowGroupBytes, int pageBytes, CompressionCodecName compression, boolean dictionary) {
	}

	/**
	 * Creates the part file (replacing a leftover of an interrupted attempt).
	 * @param fileSystem the lake's file system
	 * @param path where to write
	 * @param schema the rows' columns
	 * @param settings sizes and compression
	 * @throws IOException when the file cannot be created
	 */
	public ParquetPartWriter(FileSystem fileSystem, Path path, TableSchema schema, Settings settings)
			throws IOException {
		this.fileSystem = fileSystem;
		this.path = path;
		this.messageType = ParquetSchemas.messageType(schema);
		this.properties = ParquetProperties.builder()
			.withPageSize(settings.pageBytes())
			// a column with many distinct values gives up its dictionary after 64 KB
			// instead of 1 MB: most of the cost of dictionary encoding, for no gain in
			// size
			.withDictionaryPageSize(Math.min(settings.pageBytes(), 64 * 1024))
			.withDictionaryEncoding(settings.dictionary())
			// per-value histograms of the newer size statistics (optional metadata that
			// Spark and the catalog do not read); min/max statistics stay
			.withSizeStatisticsEnabled(false)
			.withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
			.build();
		this.rowGroupBytes = settings.rowGroupBytes();
		this.nextRowGroupBytes = settings.rowGroupBytes();
		this.descriptors = this.messageType.getColumns();
		this.types = new ColumnType[schema.size()];
		this.levels = new int[schema.size()];
		this.fixedLengths = new int[schema.size()];
		for (int i = 0; i < schema.size(); i++) {
			Column column = schema.columns().get(i);
			this.types[i] = column.type();
			this.levels[i] = this.descriptors.get(i).getMaxDefinitionLevel();
			this.fixedLengths[i] = (column.type() == ColumnType.DECIMAL && column.precision() > 18)
					? ParquetSchemas.bytesFor(column.precision()) : 0;
		}
		this.codecs = new CodecFactory(fileSystem.getConf(), this.properties.getPageSizeThreshold());
		this.compressor = this.codecs.getCompressor(settings.compression());
		ParquetFileWriter created = null;
		try {
			created = new ParquetFileWriter(HadoopOutputFile.fromPath(path, fileSystem.getConf()), this.messageType,
					ParquetFileWriter.Mode.OVERWRITE, settings.rowGroupBytes(), ParquetWriter.MAX_PADDING_SIZE_DEFAULT,
					null, this.properties);
			created.start();
		}
		catch (IOException | RuntimeException ex) {
			if (created != null) {
				created.close();
			}
			this.codecs.release();
			throw ex;
		}
		this.file = created;
		startRowGroup();
		this.nextSizeCheck = this.properties.getMinRowCountForPageSizeCheck();
	}

	/**
	 * Appends a row.
	 * @param row one value per column, typed as {@link ColumnType} says
	 * @throws IOException when the file cannot be written
	 */
	public void write(Object[] row) throws IOException {
		write(row, null, 0);
	}

	/**
	 * Appends a row whose string values were already encoded.
	 * @param row one value per column, typed as {@link ColumnType} says
	 * @param utf8 UTF-8 bytes of string values by column then row (a column's array
	 * {@code null} when not encoded), or {@code null}
	 * @param index the row's index in {@code utf8}
	 * @throws IOException when the file cannot be written
	 */
	public void write(Object[] row, byte[][][] utf8, int index) throws IOException {
		if (this.aborted) {
			throw new IOException("The part file " + this.path + " cannot take more rows after a failed write");
		}
		try {
			ColumnWriter[] writers = this.writers;
			for (int i = 0; i < row.length; i++) {
				Object value = row[i];
				ColumnWriter writer = writers[i];
				if (value == null) {
					if (this.levels[i] == 0) {
						throw new IllegalArgumentException(
								"column " + this.descriptors.get(i).getPath()[0] + " is required but has no value");
					}
					writer.writeNull(0, 0);
					continue;
				}
				int level = this.levels[i];
				switch (this.types[i]) {
					case BOOLEAN -> writer.write(((Boolean) value).booleanValue(), 0, level);
					case SMALLINT, INT, DATE -> writer.write(((Integer) value).intValue(), 0, level);
					case BIGINT, TIMESTAMP, TIMESTAMP_NTZ -> writer.write(((Long) value).longValue(), 0, level);
					case FLOAT -> writer.write(((Float) value).floatValue(), 0, level);
					case DOUBLE -> writer.write(((Double) value).doubleValue(), 0, level);
					case DECIMAL -> writeDecimal(writer, (BigDecimal) value, this.fixedLengths[i], level);
					// the arrays are never written to again: as constants, Parquet's
					// statistics and dictionaries keep them instead of copying them
					case STRING ->
						writer.write(Binary.fromConstantByteArray(utf8(utf8, index, i, (String) value)), 0, level);
					case BINARY -> writer.write(Binary.fromConstantByteArray((byte[]) value), 0, level);
				}
			}
			this.columns.endRecord();
			this.rows++;
			this.groupRows++;
			if (this.groupRows >= this.nextSizeCheck) {
				checkRowGroupSize();
			}
		}
		catch (IOException | RuntimeException ex) {
			// a row may be half written: the file gets no footer
			this.aborted = true;
			throw ex;
		}
	}

	private static byte[] utf8(byte[][][] utf8, int index, int column, String value) {
		byte[][] encoded = (utf8 != null) ? utf8[column] : null;
		byte[] bytes = (encoded != null) ? encoded[index] : null;
		return (bytes != null) ? bytes : value.getBytes(StandardCharsets.UTF_8);
	}

	private static void writeDecimal(ColumnWriter writer, BigDecimal value, int fixedLength, int level) {
		if (fixedLength == 0) {
			writer.write(Values.unscaledLong(value), 0, level);
			return;
		}
		BigInteger unscaled = value.unscaledValue();
		byte[] minimal = unscaled.toByteArray();
		byte[] fixed = new byte[fixedLength];
		byte pad = (byte) ((unscaled.signum() < 0) ? 0xFF : 0x00);
		int offset = fixedLength - minimal.length;
		for (int i = 0; i < offset; i++) {
			fixed[i] = pad;
		}
		System.arraycopy(minimal, 0, fixed, offset, minimal.length);
		writer.write(Binary.fromConstantByteArray(fixed), 0, level);
	}

	/**
	 * Flushes the row group when its buffered size comes within about two rows of the
	 * target, and otherwise picks the row count of the next check: as
	 * {@code ParquetWriter} does, halfway to the estimated end of the row group, within
	 * the properties' minimum and maximum row counts (asking the column writers for their
	 * sizes costs too much to do on every row).
	 */
	private void checkRowGroupSize() throws IOException {
		int minCheck = this.properties.getMinRowCountForPageSizeCheck();
		int maxCheck = this.properties.getMaxRowCountForPageSizeCheck();
		boolean full;
		long rowBytes = 0;
		if (this.groupRows >= this.properties.getRowGroupRowCountLimit()) {
			full = true;
		}
		else {
			long buffered = this.columns.getBufferedSize();
			rowBytes = buffered / this.groupRows;
			full = buffered > this.nextRowGroupBytes - 2 * rowBytes;
		}
		if (full) {
			flushRowGroup();
			startRowGroup();
			this.nextSizeCheck = minCheck;
			this.lastRowGroupEnd = this.file.getPos();
		}
		else {
			this.nextSizeCheck = Math.min(
					Math.max(minCheck, (this.groupRows + (long) (this.nextRowGroupBytes / ((float) rowBytes))) / 2),
					this.groupRows + maxCheck);
		}
	}

	private void startRowGroup() {
		this.pages = new ColumnChunkPageWriteStore(this.compressor, this.messageType, this.properties.getAllocator(),
				this.properties.getColumnIndexTruncateLength(), this.properties.getPageWriteChecksumEnabled(), null,
				this.rowGroupOrdinal);
		this.columns = this.properties.newColumnWriteStore(this.messageType, this.pages, this.pages);
		this.writers = new ColumnWriter[this.descriptors.size()];
		for (int i = 0; i < this.writers.length; i++) {
			this.writers[i] = this.columns.getColumnWriter(this.descriptors.get(i));
		}
	}

	/** Writes the buffered row group (if it has rows) and releases its buffers. */
	private void flushRowGroup() throws IOException {
		try {
			if (this.groupRows > 0) {
				this.rowGroupOrdinal++;
				this.file.startBlock(this.groupRows);
				this.columns.flush();
				this.pages.flushToFileWriter(this.file);
				this.groupRows = 0;
				this.file.endBlock();
				this.nextRowGroupBytes = Math.min(this.file.getNextRowGroupSize(), this.rowGroupBytes);
			}
		}
		finally {
			this.columns.close();
			this.pages.close();
		}
	}

	/**
	 * Rows written so far.
	 * @return the count
	 */
	public long rows() {
		return this.rows;
	}

	/**
	 * Bytes buffered in memory and written so far (an estimate until closed).
	 * @return the size
	 */
	public long dataSize() {
		return this.lastRowGroupEnd + (this.closed ? 0 : this.columns.getBufferedSize());
	}

	/**
	 * Closes the file and answers its size.
	 * @return bytes in the file
	 * @throws IOException when the file cannot be finished
	 */
	public long finish() throws IOException {
		close();
		return this.fileSystem.getFileStatus(this.path).getLen();
	}

	/**
	 * Writes the last row group and the footer, and closes the file (without a footer
	 * after a failed write). Does nothing when already closed.
	 * @throws IOException when the file cannot be finished
	 */
	@Override
	public void close() throws IOException {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			if (this.aborted) {
				this.columns.close();
				this.pages.close();
			}
			else {
				flushRowGroup();
				this.file.end(METADATA);
			}
		}
		finally {
			try {
				this.file.close();
			}
			finally {
				this.codecs.release();
			}
		}
	}

}
