/**
 * How much memory a JVM may use in a container with a given limit, from its options.
 */
package dev.corelake.platform.memory;
