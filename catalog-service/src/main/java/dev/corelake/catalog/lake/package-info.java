/**
 * The lake as a whole: the orphan sweeper, which finds (and, when told, removes) lake
 * paths that belong to no catalog version and no live run.
 */
package dev.corelake.catalog.lake;
