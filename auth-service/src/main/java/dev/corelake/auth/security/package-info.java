/**
 * How auth-service protects its own API: a stateless bearer-token filter chain whose
 * decoder verifies tokens against the in-process key ring and the denylist.
 */
package dev.corelake.auth.security;
