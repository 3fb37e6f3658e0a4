/**
 * Client side of the contract: decoding other services' answers and failures into typed
 * problems.
 */
package dev.corelake.errors.client;
