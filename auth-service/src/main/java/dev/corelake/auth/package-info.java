/**
 * auth-service: one identity for people and programs, issued as RS256 JWTs.
 */
package dev.corelake.auth;
