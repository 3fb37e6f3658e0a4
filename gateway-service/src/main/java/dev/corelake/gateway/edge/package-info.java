/**
 * What every request meets before it is routed: path checks, header size limit, client
 * address and forwarded headers, CORS.
 */
package dev.corelake.gateway.edge;
