/**
 * Properties per namespace and profile: compare-and-set writes, revisions with author and
 * diff, history, diffs between revisions and rollback.
 */
package dev.corelake.config.property;
