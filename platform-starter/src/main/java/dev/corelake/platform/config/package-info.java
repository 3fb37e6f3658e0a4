/**
 * The config client: a service's configuration from config-service, cached locally and
 * refreshed when config-service pushes a change.
 */
package dev.corelake.platform.config;
