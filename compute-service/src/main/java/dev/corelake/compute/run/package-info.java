/**
 * Running jobs: one attempt from queued to registered, the in-process runner, and the
 * recovery of committed but unregistered outputs.
 */
package dev.corelake.compute.run;
