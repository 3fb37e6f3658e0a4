/**
 * Calls to other Corelake services: clients, timeouts and resilience4j instances per
 * service.
 */
package dev.corelake.platform.downstream;
