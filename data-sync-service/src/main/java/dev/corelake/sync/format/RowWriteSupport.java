package dev.corelake.sync.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes {@code Object[]} rows of a {@link TableSchema} straight into Parquet's record
 * consumer: no intermediate object model, so a row costs only its values.
 *
 * @author Corelake
 */
final class RowWriteSupport extends WriteSupport<Object[]> {

	private final MessageType messageType;

	private final String[] names;

	private final int[] fixedLengths;

	private final ColumnType[] types;

	private RecordConsumer consumer;

	private byte[][][] utf8;

	private int utf8Index;

	RowWriteSupport(TableSchema schema) {
		this.messageType = messageType(schema);
		this.names = schema.names().toArray(String[]::new);
		this.fixedLengths = new int[schema.size()];
		this.types = new ColumnType[schema.size()];
		for (int i = 0; i < schema.size(); i++) {
			Column column = schema.columns().get(i);
			this.types[i] = column.type();
			this.fixedLengths[i] = (column.type() == ColumnType.DECIMAL && column.precision() > 18)
					? bytesFor(column.precision()) : 0;
		}
	}

	/**
	 * The Parquet schema of a table: Spark's encodings (microsecond timestamps, decimals
	 * as int64 up to 18 digits and as fixed-length binaries above).
	 * @param schema the table
	 * @return the Parquet message type
	 */
	static MessageType messageType(TableSchema schema) {
		Types.MessageTypeBuilder message = Types.buildMessage();
		for (Column column : schema.columns()) {
			message.addField(field(column));
		}
		return message.named("row");
	}

	private static Type field(Column column) {
		Type.Repetition repetition = column.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
		return switch (column.type()) {
			case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(column.name());
			case SMALLINT -> Types.primitive(PrimitiveTypeName.INT32, repetition)
				.as(LogicalTypeAnnotation.intType(16, true))
				.named(column.name());
			case INT -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(column.name());
			case BIGINT -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(column.name());
			case FLOAT -> Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(column.name());
			case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(column.name());
			case DECIMAL -> (column.precision() <= 18)
					? Types.primitive(PrimitiveTypeName.INT64, repetition)
						.as(LogicalTypeAnnotation.decimalType(column.scale(), column.precision()))
						.named(column.name())
					: Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
						.length(bytesFor(column.precision()))
						.as(LogicalTypeAnnotation.decimalType(column.scale(), column.precision()))
						.named(column.name());
			case STRING -> Types.primitive(PrimitiveTypeName.BINARY, repetition)
				.as(LogicalTypeAnnotation.stringType())
				.named(column.name());
			case BINARY -> Types.primitive(PrimitiveTypeName.BINARY, repetition).named(column.name());
			case DATE -> Types.primitive(PrimitiveTypeName.INT32, repetition)
				.as(LogicalTypeAnnotation.dateType())
				.named(column.name());
			case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, repetition)
				.as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
				.named(column.name());
			case TIMESTAMP_NTZ -> Types.primitive(PrimitiveTypeName.INT64, repetition)
				.as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS))
				.named(column.name());
		};
	}

	/**
	 * Bytes of the smallest two's complement integer holding every number of a precision
	 * (Spark's rule for fixed-length decimals).
	 * @param precision decimal digits
	 * @return bytes
	 */
	static int bytesFor(int precision) {
		int bytes = 1;
		while (Math.pow(2.0, 8.0 * bytes - 1) < Math.pow(10.0, precision)) {
			bytes++;
		}
		return bytes;
	}

	@Override
	public WriteContext init(Configuration configuration) {
		return new WriteContext(this.messageType, Map.of("corelake.writer", "data-sync-service"));
	}

	@Override
	public void prepareForWrite(RecordConsumer recordConsumer) {
		this.consumer = recordConsumer;
	}

	/**
	 * The UTF-8 bytes of the next row's strings, when already encoded.
	 * @param utf8 by column then row, or {@code null}
	 * @param index the next row's index
	 */
	void encoded(byte[][][] utf8, int index) {
		this.utf8 = utf8;
		this.utf8Index = index;
	}

	@Override
	public void write(Object[] row) {
		RecordConsumer out = this.consumer;
		out.startMessage();
		for (int i = 0; i < row.length; i++) {
			Object value = row[i];
			if (value == null) {
				continue;
			}
			out.startField(this.names[i], i);
			switch (this.types[i]) {
				case BOOLEAN -> out.addBoolean((Boolean) value);
				case SMALLINT, INT, DATE -> out.addInteger((Integer) value);
				case BIGINT, TIMESTAMP, TIMESTAMP_NTZ -> out.addLong((Long) value);
				case FLOAT -> out.addFloat((Float) value);
				case DOUBLE -> out.addDouble((Double) value);
				case DECIMAL -> writeDecimal(out, (BigDecimal) value, this.fixedLengths[i]);
				// the arrays are never written to again: as constants, Parquet's
				// statistics
				// and dictionaries keep them instead of copying them
				case STRING -> out.addBinary(Binary.fromConstantByteArray(utf8(i, (String) value)));
				case BINARY -> out.addBinary(Binary.fromConstantByteArray((byte[]) value));
			}
			out.endField(this.names[i], i);
		}
		out.endMessage();
	}

	private byte[] utf8(int column, String value) {
		byte[][] encoded = (this.utf8 != null) ? this.utf8[column] : null;
		byte[] bytes = (encoded != null) ? encoded[this.utf8Index] : null;
		return (bytes != null) ? bytes : value.getBytes(StandardCharsets.UTF_8);
	}

	private static void writeDecimal(RecordConsumer out, BigDecimal value, int fixedLength) {
		if (fixedLength == 0) {
			out.addLong(Values.unscaledLong(value));
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
		out.addBinary(Binary.fromConstantByteArray(fixed));
	}

}
