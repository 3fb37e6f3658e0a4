/**
 * gateway-service: the edge of the platform.
 */
package dev.corelake.gateway;
