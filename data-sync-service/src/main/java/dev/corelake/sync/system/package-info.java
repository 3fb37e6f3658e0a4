/**
 * Cross-cutting pieces of data-sync-service: error codes, settings, who may do what.
 */
package dev.corelake.sync.system;
