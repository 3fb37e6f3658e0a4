/**
 * catalog-service: the register of every dataset in the lake.
 */
package dev.corelake.catalog;
