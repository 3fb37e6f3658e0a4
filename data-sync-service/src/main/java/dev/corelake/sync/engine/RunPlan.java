package dev.corelake.sync.engine;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.corelake.sync.format.Column;
import dev.corelake.sync.format.ColumnType;
import dev.corelake.sync.format.TableSchema;

/**
 * What a run reads, fixed when it first starts and stored with it, so that a resumed
 * attempt reads exactly the same rows: the columns, and for JDBC the query pieces and the
 * cursor range, for files the fingerprint of the file.
 *
 * @param columns the columns written
 * @param sqlColumns the columns as the query selects them (quoted), JDBC
 * @param table the table, JDBC
 * @param orderColumns indexes of the columns that order the rows (cursor, then keys);
 * empty when the rows have no order and the run restarts from scratch after a crash
 * @param cursorColumn index of the cursor column (incremental), or {@code null}
 * @param lowerBound the cursor values read are above this (the job's mark), or
 * {@code null}
 * @param upperBound … and at most this (the source's highest value at the start), or
 * {@code null}; the job's new mark once committed. For files, which are read whole, the
 * highest value written, set when the run moves to committing
 * @param fileSize size of the file (files)
 * @param fileTime modification time of the file (files)
 * @param etag entity tag of the URL (files)
 * @param lastModified last-modified date of the URL (files)
 * @param fieldIndexes for CSV and JSON Lines: which field of a record feeds each column
 * (CSV), -1 when absent
 * @param empty whether the source has nothing to read (an incremental run with no new
 * rows)
 * @author Corelake
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunPlan(List<PlanColumn> columns, List<String> sqlColumns, String table, List<Integer> orderColumns,
		Integer cursorColumn, TypedValue lowerBound, TypedValue upperBound, Long fileSize, Long fileTime, String etag,
		String lastModified, List<Integer> fieldIndexes, boolean empty) {

	/**
	 * The schema of the rows.
	 * @return the schema
	 */
	public TableSchema schema() {
		List<Column> list = new ArrayList<>();
		for (PlanColumn column : this.columns) {
			list.add(new Column(column.name(), column.type(), column.precision(), column.scale(), column.nullable()));
		}
		return new TableSchema(list);
	}

	/**
	 * Whether an interrupted attempt can continue where it stopped.
	 * @return {@code true} when rows come in a fixed order (or from a file)
	 */
	public boolean resumable() {
		return this.table == null || !this.orderColumns.isEmpty();
	}

	/**
	 * This plan with another upper bound.
	 * @param bound the bound, the job's next mark
	 * @return the plan
	 */
	RunPlan withUpperBound(TypedValue bound) {
		return new RunPlan(this.columns, this.sqlColumns, this.table, this.orderColumns, this.cursorColumn,
				this.lowerBound, bound, this.fileSize, this.fileTime, this.etag, this.lastModified, this.fieldIndexes,
				this.empty);
	}

	/**
	 * Plan columns of a schema.
	 * @param schema the schema
	 * @return the columns
	 */
	static List<PlanColumn> columnsOf(TableSchema schema) {
		List<PlanColumn> list = new ArrayList<>();
		for (Column column : schema.columns()) {
			list.add(new PlanColumn(column.name(), column.type(), column.precision(), column.scale(),
					column.nullable()));
		}
		return list;
	}

	/**
	 * A column, as stored in a plan.
	 *
	 * @param name name
	 * @param type type
	 * @param precision decimal precision
	 * @param scale decimal scale
	 * @param nullable whether values may be missing
	 */
	public record PlanColumn(String name, ColumnType type, int precision, int scale, boolean nullable) {
	}

}
