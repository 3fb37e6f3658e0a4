package dev.corelake.compute.job;

/**
 * A dataset version a job reads, pinned when the job was submitted.
 *
 * @param table the table name in the query (the job's temporary view)
 * @param dataset the catalog dataset
 * @param version its version number
 * @param location where the version's files are
 * @param format their format ({@code PARQUET}, {@code CSV} …)
 * @author Corelake
 */
public record ResolvedInput(String table, String dataset, int version, String location, String format) {

}
