/**
 * The error contract: error codes, their catalog, and the exception every failure is
 * raised as.
 */
package dev.corelake.errors;
