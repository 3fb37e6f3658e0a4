/**
 * Cross-cutting pieces of ai-model-service: error codes, settings, access rules and the
 * Spark session.
 */
package dev.corelake.model.system;
