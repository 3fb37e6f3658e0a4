package dev.corelake.sync.format;

import java.io.Closeable;
import java.io.IOException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * One Parquet part file being written through the Hadoop {@code FileSystem} API. Memory
 * stays bounded by the row group size: Parquet buffers at most one row group (encoded and
 * compressed pages) before flushing it to the file.
 *
 * @author Corelake
 */
public final class ParquetPartWriter implements Closeable {

	private final ParquetWriter<Object[]> writer;

	private final RowWriteSupport support;

	private final FileSystem fileSystem;

	private final Path path;

	private long rows;

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
		OutputFile file = HadoopOutputFile.fromPath(path, fileSystem.getConf());
		this.support = new RowWriteSupport(schema);
		this.writer = new Builder(file, this.support).withConf(fileSystem.getConf())
			.withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
			.withRowGroupSize(settings.rowGroupBytes())
			.withPageSize(settings.pageBytes())
			// a column with many distinct values gives up its dictionary after 64 KB
			// instead
			// of 1 MB: most of the cost of dictionary encoding, for no gain in size
			.withDictionaryPageSize(Math.min(settings.pageBytes(), 64 * 1024))
			.withCompressionCodec(settings.compression())
			.withDictionaryEncoding(settings.dictionary())
			.withValidation(false)
			// per-value histograms of the newer size statistics (optional metadata that
			// Spark and the catalog do not read); min/max statistics stay
			.withSizeStatisticsEnabled(false)
			.withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
			.build();
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
		this.support.encoded(utf8, index);
		this.writer.write(row);
		this.rows++;
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
		return this.writer.getDataSize();
	}

	/**
	 * Closes the file and answers its size.
	 * @return bytes in the file
	 * @throws IOException when the file cannot be finished
	 */
	public long finish() throws IOException {
		this.writer.close();
		return this.fileSystem.getFileStatus(this.path).getLen();
	}

	@Override
	public void close() throws IOException {
		this.writer.close();
	}

	private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {

		private final RowWriteSupport writeSupport;

		Builder(OutputFile file, RowWriteSupport writeSupport) {
			super(file);
			this.writeSupport = writeSupport;
		}

		@Override
		protected Builder self() {
			return this;
		}

		@Override
		protected WriteSupport<Object[]> getWriteSupport(Configuration configuration) {
			return this.writeSupport;
		}

	}

}
