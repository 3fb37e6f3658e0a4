/**
 * ai-model-service: model registry, training runs through compute-service, and online
 * predictions.
 */
package dev.corelake.model;
