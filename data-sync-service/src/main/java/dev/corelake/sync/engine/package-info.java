/**
 * Executes runs: admission across replicas, the pipelined pull (reading thread, bounded
 * queue, Parquet writing thread) with throttling and back-pressure, checkpoints per
 * chunk, resumption of runs whose instance died, and the commit into the lake and the
 * catalog.
 */
package dev.corelake.sync.engine;
