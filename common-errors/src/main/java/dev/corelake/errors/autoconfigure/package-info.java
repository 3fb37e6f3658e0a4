/**
 * Auto-configuration installing the error contract in every servlet service.
 */
package dev.corelake.errors.autoconfigure;
