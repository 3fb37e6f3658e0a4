/**
 * The all-in-one mode: every service in one JVM, each in its own application context.
 */
package dev.corelake.standalone;
