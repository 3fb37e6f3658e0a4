package dev.corelake.sync.job;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a job does, as stored.
 *
 * @param table the table ({@code table} or {@code schema.table}) of a JDBC source
 * @param columns the columns to read (JDBC), all when absent
 * @param mode full or incremental
 * @param cursorColumn the column whose growing values select new rows (incremental)
 * @param keyColumns columns that identify a row; with the cursor they order the rows,
 * which is what lets an interrupted run resume exactly (default: the table's primary key)
 * @param rowsPerSecond most rows read per second, unlimited when absent
 * @param bytesPerSecond most bytes read per second, unlimited when absent
 * @param rejectCount most rejected records; the run fails above it
 * @param rejectPercent most rejected records as a percentage of the records read
 * @param chunkRows rows per checkpointed chunk (default
 * {@code corelake.sync.runs.chunk-rows})
 * @author Corelake
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobSpec(String table, List<String> columns, SyncMode mode, String cursorColumn, List<String> keyColumns,
		Long rowsPerSecond, Long bytesPerSecond, Long rejectCount, Double rejectPercent, Long chunkRows) {
}
