/**
 * API clients: programs that obtain tokens with the client-credentials grant, their
 * scopes and hashed secrets, and the admin API that manages them.
 */
package dev.corelake.auth.client;
