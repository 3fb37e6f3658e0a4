/**
 * Tokens: the OAuth2 token endpoint (password, refresh-token rotation, client
 * credentials), signed access tokens, refresh token families, revocation (RFC 7009,
 * logout) and the revocation feed services poll.
 */
package dev.corelake.auth.token;
