package dev.corelake.sync.format;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.corelake.sync.ParquetFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Part files written by {@link ParquetPartWriter} read back by Parquet's own reader:
 * every column type with and without nulls, decimals as {@code int64} and as fixed-length
 * binaries, strings given as text and as UTF-8 bytes, row groups cut by size, and the
 * footer's schema, statistics and metadata.
 *
 * @author Corelake
 */
class ParquetPartWriterTests {

	static final TableSchema SCHEMA = new TableSchema(List.of(new Column("flag", ColumnType.BOOLEAN, 0, 0, true),
			new Column("small", ColumnType.SMALLINT, 0, 0, true), new Column("n", ColumnType.INT, 0, 0, true),
			new Column("id", ColumnType.BIGINT, 0, 0, false), new Column("ratio", ColumnType.FLOAT, 0, 0, true),
			new Column("amount", ColumnType.DOUBLE, 0, 0, true), Column.decimal("price", 12, 2, true),
			Column.decimal("huge", 30, 5, true), new Column("name", ColumnType.STRING, 0, 0, true),
			new Column("unique", ColumnType.STRING, 0, 0, false), new Column("blob", ColumnType.BINARY, 0, 0, true),
			new Column("day", ColumnType.DATE, 0, 0, true), new Column("at", ColumnType.TIMESTAMP, 0, 0, true),
			new Column("local", ColumnType.TIMESTAMP_NTZ, 0, 0, true)));

	static final int ROWS = 30_000;

	@TempDir
	java.nio.file.Path dir;

	/**
	 * Row {@code n} of the test table: each nullable column null in one row of seven (a
	 * different row per column), negative numbers every third row.
	 * @param n the row
	 * @return the values
	 */
	static Object[] row(int n) {
		int sign = (n % 3 == 0) ? -1 : 1;
		Object[] row = { n % 2 == 0, (int) (short) (n * 7), sign * n, (long) n * 1_000_003L, sign * n / 8.0f,
				sign * n * 1.25, BigDecimal.valueOf(sign * (long) n * 101, 2),
				new BigDecimal(BigInteger.valueOf(sign * (long) n).multiply(BigInteger.TEN.pow(22)), 5),
				"name-" + (n % 500) + "-é", "unique-" + n + "-" + Long.toHexString(n * 0x9E3779B97F4A7C15L),
				new byte[] { (byte) n, (byte) (n >> 8), 0, -1 }, 20_000 + sign * (n % 5000),
				1_700_000_000_000_000L + sign * (long) n * 1_000_001L, 1_600_000_000_000_000L + n * 999L };
		for (int i = 0; i < row.length; i++) {
			if (SCHEMA.columns().get(i).nullable() && n % 7 == i % 7) {
				row[i] = null;
			}
		}
		return row;
	}

	/**
	 * Writes the test table, strings of every other batch of 100 rows given as UTF-8
	 * bytes as the reading thread encodes them.
	 * @param writer the part file
	 * @throws IOException when writing fails
	 */
	static void writeRows(ParquetPartWriter writer) throws IOException {
		int[] strings = { SCHEMA.indexOf("name"), SCHEMA.indexOf("unique") };
		for (int start = 0; start < ROWS; start += 100) {
			byte[][][] utf8 = null;
			if ((start / 100) % 2 == 1) {
				utf8 = new byte[SCHEMA.size()][][];
				for (int column : strings) {
					utf8[column] = new byte[100][];
				}
			}
			Object[][] batch = new Object[100][];
			for (int i = 0; i < 100; i++) {
				batch[i] = row(start + i);
				if (utf8 != null) {
					for (int column : strings) {
						String value = (String) batch[i][column];
						utf8[column][i] = (value != null) ? value.getBytes(StandardCharsets.UTF_8) : null;
					}
				}
			}
			for (int i = 0; i < 100; i++) {
				writer.write(batch[i], utf8, i);
			}
		}
	}

	static ParquetPartWriter.Settings smallRowGroups() {
		return new ParquetPartWriter.Settings(256 * 1024, 16 * 1024, CompressionCodecName.SNAPPY, true);
	}

	@Test
	void writeWhenEveryTypeAndNullsThenReadBackEqualAcrossRowGroups() throws IOException {
		FileSystem fs = FileSystem.getLocal(new Configuration());
		Path path = new Path(this.dir.toUri().toString(), "part-00001-a1.parquet");
		long bytes;
		try (ParquetPartWriter writer = new ParquetPartWriter(fs, path, SCHEMA, smallRowGroups())) {
			writeRows(writer);
			assertThat(writer.rows()).isEqualTo(ROWS);
			bytes = writer.finish();
		}
		assertThat(bytes).isEqualTo(fs.getFileStatus(path).getLen());

		List<Group> read = ParquetFiles.read(fs, path.getParent());
		assertThat(read).hasSize(ROWS);
		for (int n = 0; n < ROWS; n++) {
			Object[] expected = row(n);
			Group group = read.get(n);
			List<Object> actual = new ArrayList<>();
			for (int i = 0; i < SCHEMA.size(); i++) {
				actual.add(value(group, SCHEMA.columns().get(i), i));
			}
			assertThat(actual).as("row %d", n).containsExactly(expected);
		}

		try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, fs.getConf()))) {
			ParquetMetadata footer = reader.getFooter();
			assertThat(footer.getFileMetaData().getKeyValueMetaData()).containsEntry("corelake.writer",
					"data-sync-service");
			MessageType schema = footer.getFileMetaData().getSchema();
			assertThat(schema).isEqualTo(ParquetSchemas.messageType(SCHEMA));
			assertThat(schema.getType("huge").asPrimitiveType().getPrimitiveTypeName())
				.isEqualTo(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY);
			assertThat(schema.getType("price").getLogicalTypeAnnotation())
				.isEqualTo(LogicalTypeAnnotation.decimalType(2, 12));
			assertThat(footer.getBlocks()).as("row groups cut by size").hasSizeGreaterThan(2);
			assertThat(footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum()).isEqualTo(ROWS);
			for (BlockMetaData block : footer.getBlocks()) {
				assertThat(block.getTotalByteSize()).isLessThan(2 * 256 * 1024);
				assertThat(block.getColumns().get(0).getCodec()).isEqualTo(CompressionCodecName.SNAPPY);
			}
			Statistics<?> ids = footer.getBlocks().get(0).getColumns().get(SCHEMA.indexOf("id")).getStatistics();
			assertThat(ids.genericGetMin()).isEqualTo(0L);
			assertThat(ids.getNumNulls()).isZero();
			Statistics<?> names = footer.getBlocks().get(0).getColumns().get(SCHEMA.indexOf("name")).getStatistics();
			assertThat(names.getNumNulls()).isPositive();
			assertThat(names.hasNonNullValue()).isTrue();
		}
	}

	@Test
	void writeWhenNoRowsThenFileWithSchemaOnly() throws IOException {
		FileSystem fs = FileSystem.getLocal(new Configuration());
		Path path = new Path(this.dir.toUri().toString(), "empty.parquet");
		try (ParquetPartWriter writer = new ParquetPartWriter(fs, path, SCHEMA, smallRowGroups())) {
			assertThat(writer.finish()).isPositive();
		}
		try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, fs.getConf()))) {
			assertThat(reader.getRecordCount()).isZero();
			assertThat(reader.getFooter().getFileMetaData().getSchema()).isEqualTo(ParquetSchemas.messageType(SCHEMA));
		}
	}

	@Test
	void writeWhenRequiredColumnHasNoValueThenRefused() throws IOException {
		FileSystem fs = FileSystem.getLocal(new Configuration());
		Path path = new Path(this.dir.toUri().toString(), "bad.parquet");
		try (ParquetPartWriter writer = new ParquetPartWriter(fs, path, SCHEMA, smallRowGroups())) {
			Object[] row = row(1);
			row[SCHEMA.indexOf("id")] = null;
			assertThatIllegalArgumentException().isThrownBy(() -> writer.write(row)).withMessageContaining("id");
			assertThat(writer.rows()).isZero();
		}
	}

	private static Object value(Group group, Column column, int field) {
		if (group.getFieldRepetitionCount(field) == 0) {
			return null;
		}
		return switch (column.type()) {
			case BOOLEAN -> group.getBoolean(field, 0);
			case SMALLINT, INT, DATE -> group.getInteger(field, 0);
			case BIGINT, TIMESTAMP, TIMESTAMP_NTZ -> group.getLong(field, 0);
			case FLOAT -> group.getFloat(field, 0);
			case DOUBLE -> group.getDouble(field, 0);
			case DECIMAL -> (column.precision() <= 18) ? BigDecimal.valueOf(group.getLong(field, 0), column.scale())
					: new BigDecimal(new BigInteger(group.getBinary(field, 0).getBytes()), column.scale());
			case STRING -> group.getString(field, 0);
			case BINARY -> group.getBinary(field, 0).getBytes();
		};
	}

}
