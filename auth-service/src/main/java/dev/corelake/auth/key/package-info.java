/**
 * Signing keys: RSA key pairs stored encrypted, one active, rotated on schedule or on
 * demand, and published (public halves only) until every token they signed has expired.
 */
package dev.corelake.auth.key;
