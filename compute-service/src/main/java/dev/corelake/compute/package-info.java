/**
 * compute-service: Spark jobs over catalog datasets, in-process or as Kubernetes Jobs.
 */
package dev.corelake.compute;
