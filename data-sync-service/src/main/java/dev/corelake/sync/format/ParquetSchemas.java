package dev.corelake.sync.format;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schemas of synced tables, as Spark writes them.
 *
 * @author Corelake
 */
final class ParquetSchemas {

	private ParquetSchemas() {
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

}
