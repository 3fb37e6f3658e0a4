/**
 * Test kit for services' security tests: a real JWKS and token minting on loopback.
 */
package dev.corelake.platform.security.test;
