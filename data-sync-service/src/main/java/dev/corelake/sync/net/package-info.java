/**
 * The guards between a source definition and the outside world: allowed directories for
 * files, the host allowlist and address rules for URLs (checked on every redirect and on
 * the address actually connected to), and the allowed drivers and settings of JDBC URLs.
 */
package dev.corelake.sync.net;
