/**
 * Dataset versions: registration, lookup and the retention plan.
 */
package dev.corelake.catalog.version;
