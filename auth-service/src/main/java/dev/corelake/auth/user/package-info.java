/**
 * Users: their roles, passwords and password policy, the admin and self-service APIs,
 * password authentication with brute-force protection, and the bootstrap admin.
 */
package dev.corelake.auth.user;
