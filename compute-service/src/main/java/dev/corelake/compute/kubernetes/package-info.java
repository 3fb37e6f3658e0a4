/**
 * The Kubernetes runner: a Kubernetes Job per compute job, its status from the pod, the
 * job pod's entry point, and the reaper of leftovers.
 */
package dev.corelake.compute.kubernetes;
