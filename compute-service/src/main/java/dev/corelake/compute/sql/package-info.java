/**
 * The SQL guard: only read-only queries over catalog datasets reach Spark.
 */
package dev.corelake.compute.sql;
