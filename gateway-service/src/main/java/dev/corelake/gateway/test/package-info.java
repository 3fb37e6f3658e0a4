/**
 * Test kit: a stand-in upstream service for tests of the gateway and of the whole
 * platform.
 */
package dev.corelake.gateway.test;
