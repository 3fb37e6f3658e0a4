/**
 * The error contract for Spring Security: 401 and 403 answered as problems.
 */
package dev.corelake.errors.security;
