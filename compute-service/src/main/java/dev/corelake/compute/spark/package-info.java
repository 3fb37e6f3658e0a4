/**
 * Spark inside compute-service: the shared session, progress from the scheduler's events,
 * a job's Spark work and its failures summarised.
 */
package dev.corelake.compute.spark;
