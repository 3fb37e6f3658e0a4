/**
 * Compute jobs: the API, the stored records and their state machine, and the runner
 * contract.
 */
package dev.corelake.compute.job;
