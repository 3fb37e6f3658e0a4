/**
 * The memory budget of a job JVM: what a memory request leaves for the heap, and the JVM
 * flags that keep a job pod inside its limit.
 */
package dev.corelake.compute.memory;
