/**
 * Online predictions: loading, caching and running PipelineModels, validating rows.
 */
package dev.corelake.model.serving;
