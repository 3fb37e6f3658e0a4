/**
 * Server side of the contract: the problem handler, error controller and request body
 * limit.
 */
package dev.corelake.errors.web;
