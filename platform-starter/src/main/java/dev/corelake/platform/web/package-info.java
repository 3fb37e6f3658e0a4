/**
 * Inbound request handling shared by every service: request ids.
 */
package dev.corelake.platform.web;
