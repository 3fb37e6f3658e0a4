/**
 * Models, their versions, aliases and comparisons.
 */
package dev.corelake.model.registry;
