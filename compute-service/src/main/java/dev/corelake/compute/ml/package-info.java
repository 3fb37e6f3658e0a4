/**
 * Machine-learning jobs as compute-service accepts them: the algorithms and their allowed
 * parameters, the training and prediction specifications, and their checks before Spark
 * runs anything.
 */
package dev.corelake.compute.ml;
