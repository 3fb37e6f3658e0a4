/**
 * Cross-cutting pieces of catalog-service: its error codes, conditional-request support
 * and settings.
 */
package dev.corelake.catalog.system;
