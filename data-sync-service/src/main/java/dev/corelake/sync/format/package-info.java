/**
 * Rows on their way into the lake: column types, the Parquet part writer, and the CSV and
 * JSON Lines record readers with bounded record sizes.
 */
package dev.corelake.sync.format;
