/**
 * Lineage: the graph of versions, the runs and jobs that produced them, their inputs and
 * external sources, upstream and downstream of a dataset, as far as the caller may see.
 */
package dev.corelake.catalog.lineage;
