/**
 * Routes by resource prefix to the upstream services, each guarded by its own timeouts,
 * circuit breaker, retry and bulkhead.
 */
package dev.corelake.gateway.route;
