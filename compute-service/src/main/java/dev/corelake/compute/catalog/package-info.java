/**
 * The client of catalog-service: resolving tables to dataset versions, registering
 * outputs.
 */
package dev.corelake.compute.catalog;
