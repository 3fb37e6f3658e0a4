package dev.corelake.sync.format;

/**
 * A column of synced rows.
 *
 * @param name column name
 * @param type value type
 * @param precision digits of a {@code DECIMAL} (1-38), else 0
 * @param scale digits after the point of a {@code DECIMAL}, else 0
 * @param nullable whether values may be missing
 * @author Corelake
 */
public record Column(String name, ColumnType type, int precision, int scale, boolean nullable) {

	/** Largest decimal precision Parquet readers (Spark) accept. */
	public static final int MAX_PRECISION = 38;

	/**
	 * Checks the column.
	 */
	public Column {
		if (name == null || name.isEmpty()) {
			throw new IllegalArgumentException("a column needs a name");
		}
		if (type == ColumnType.DECIMAL
				&& (precision < 1 || precision > MAX_PRECISION || scale < 0 || scale > precision)) {
			throw new IllegalArgumentException("decimal(" + precision + "," + scale + ") of column '" + name
					+ "' needs a precision of 1 to 38 and a scale between 0 and the precision");
		}
	}

	/**
	 * A decimal column.
	 * @param name name
	 * @param precision digits
	 * @param scale digits after the point
	 * @param nullable whether values may be missing
	 * @return the column
	 */
	public static Column decimal(String name, int precision, int scale, boolean nullable) {
		return new Column(name, ColumnType.DECIMAL, precision, scale, nullable);
	}

	/**
	 * The type as Spark SQL writes it, e.g. {@code decimal(12,2)}.
	 * @return the type name
	 */
	public String sqlType() {
		return (this.type == ColumnType.DECIMAL) ? "decimal(" + this.precision + "," + this.scale + ")"
				: this.type.sqlName();
	}

}
