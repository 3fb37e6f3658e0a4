/**
 * data-sync-service: pulls data from sources into the lake as catalogued dataset
 * versions.
 */
package dev.corelake.sync;
