/**
 * Wiring and error codes of gateway-service.
 */
package dev.corelake.gateway.system;
