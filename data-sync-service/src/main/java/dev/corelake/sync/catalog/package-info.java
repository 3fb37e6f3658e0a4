/**
 * The client of catalog-service: the few fields data-sync-service reads and writes there.
 */
package dev.corelake.sync.catalog;
