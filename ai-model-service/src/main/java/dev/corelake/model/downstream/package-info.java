/**
 * ai-model-service's clients of compute-service and catalog-service.
 */
package dev.corelake.model.downstream;
