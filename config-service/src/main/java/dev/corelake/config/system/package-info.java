/**
 * Cross-cutting pieces of config-service: settings, error codes, who may do what, the
 * revision counter and conditional-request support.
 */
package dev.corelake.config.system;
