/**
 * Cross-cutting pieces of compute-service: its error codes, settings and wiring.
 */
package dev.corelake.compute.system;
