/**
 * Training runs, submitted to compute-service and mirrored from its jobs.
 */
package dev.corelake.model.training;
