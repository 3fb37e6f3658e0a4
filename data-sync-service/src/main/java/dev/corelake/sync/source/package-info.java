/**
 * Sources: where data comes from (JDBC databases, CSV and JSON Lines files or URLs), with
 * secrets only by reference.
 */
package dev.corelake.sync.source;
