/**
 * Cross-cutting pieces of catalog-service: its error codes and conditional-request
 * support.
 */
package dev.corelake.catalog.system;
