/**
 * Runs of sync jobs: their state machine, progress, checkpoints and logs, and the API to
 * start, watch and cancel them.
 */
package dev.corelake.sync.run;
