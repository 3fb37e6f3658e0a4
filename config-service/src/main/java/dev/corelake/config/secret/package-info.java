/**
 * Encryption at rest of secret configuration values (AES-256-GCM, key from a file).
 */
package dev.corelake.config.secret;
