/**
 * Auto-configuration and defaults of the platform starter.
 */
package dev.corelake.platform.system;
