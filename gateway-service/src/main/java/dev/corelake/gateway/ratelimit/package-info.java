/**
 * Rate limits per client and route group (bucket4j).
 */
package dev.corelake.gateway.ratelimit;
