package dev.corelake.compute.job;

/**
 * Spark Kubernetes executors of a job: its pod runs the Spark driver with a
 * {@code k8s://} master and this many executor pods, each sized as given (its memory
 * checked against the same budget as a job's, its heap flags derived from that limit).
 *
 * @param count how many executor pods
 * @param cores cores of each
 * @param memoryBytes memory limit of each
 * @author Corelake
 */
public record Executors(int count, int cores, long memoryBytes) {

}
