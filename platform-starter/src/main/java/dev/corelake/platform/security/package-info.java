/**
 * Zero-trust request authentication: JWT validation against auth-service's keys, roles,
 * token relay on outbound calls, and the revocation list.
 */
package dev.corelake.platform.security;
