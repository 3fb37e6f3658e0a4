/**
 * Inbound request handling shared by every service: request ids, conditional requests
 * (ETag and If-Match), and the shape of paged answers.
 */
package dev.corelake.platform.web;
