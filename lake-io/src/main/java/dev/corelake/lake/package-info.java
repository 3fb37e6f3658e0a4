/**
 * lake-io: the lake's layout, staging leases and commit by rename, over the Hadoop
 * {@code FileSystem} API so that {@code file:} and {@code hdfs:} behave the same.
 */
package dev.corelake.lake;
