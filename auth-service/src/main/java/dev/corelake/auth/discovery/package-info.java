/**
 * The well-known documents resource servers read: the JWKS and the OpenID discovery
 * document.
 */
package dev.corelake.auth.discovery;
