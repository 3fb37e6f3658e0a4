/**
 * Cross-cutting pieces of auth-service: its configuration, error codes, the subject-name
 * rule shared by users and clients, and conditional-request support.
 */
package dev.corelake.auth.system;
