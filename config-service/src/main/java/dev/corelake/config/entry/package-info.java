/**
 * Small global state: key/value entries that services agree on, changed only by
 * compare-and-set.
 */
package dev.corelake.config.entry;
