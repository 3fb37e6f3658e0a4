/**
 * Views over the whole platform: aggregated health and the API explorer.
 */
package dev.corelake.gateway.platform;
