/**
 * Datasets: their metadata, tags and retention policy.
 */
package dev.corelake.catalog.dataset;
