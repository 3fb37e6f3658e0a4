package dev.corelake.sync.format;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The columns of synced rows, in order; each row is an {@code Object[]} with one value
 * per column.
 *
 * @param columns the columns
 * @author Corelake
 */
public record TableSchema(List<Column> columns) {

	/** Most columns a synced table may have. */
	public static final int MAX_COLUMNS = 1000;

	/**
	 * Checks that there is at least one column, not too many, and no name twice (ignoring
	 * case, as Spark does).
	 */
	public TableSchema {
		columns = List.copyOf(columns);
		if (columns.isEmpty() || columns.size() > MAX_COLUMNS) {
			throw new IllegalArgumentException("a table needs 1 to " + MAX_COLUMNS + " columns, not " + columns.size());
		}
		Set<String> names = new HashSet<>();
		for (Column column : columns) {
			if (!names.add(column.name().toLowerCase(Locale.ROOT))) {
				throw new IllegalArgumentException("column '" + column.name() + "' appears twice");
			}
		}
	}

	/**
	 * The position of a column.
	 * @param name its name (exact, else ignoring case)
	 * @return its index, or -1 when there is none
	 */
	public int indexOf(String name) {
		for (int i = 0; i < this.columns.size(); i++) {
			if (this.columns.get(i).name().equals(name)) {
				return i;
			}
		}
		for (int i = 0; i < this.columns.size(); i++) {
			if (this.columns.get(i).name().equalsIgnoreCase(name)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * The number of columns.
	 * @return the count
	 */
	public int size() {
		return this.columns.size();
	}

	/**
	 * The column names.
	 * @return the names, in order
	 */
	public List<String> names() {
		List<String> names = new ArrayList<>(this.columns.size());
		this.columns.forEach((column) -> names.add(column.name()));
		return names;
	}

}
