/**
 * config-service: namespaced, versioned configuration and small global state.
 */
package dev.corelake.config;
