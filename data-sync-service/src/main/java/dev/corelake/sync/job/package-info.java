/**
 * Sync jobs: what to pull from a source into which dataset, in which mode, how fast, with
 * how many rejects allowed, and when.
 */
package dev.corelake.sync.job;
