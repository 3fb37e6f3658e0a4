/**
 * What a service reads: the {@code application} namespace overlaid by its own, flattened,
 * with its revision; long-poll watches on it; and the collision report.
 */
package dev.corelake.config.view;
