/**
 * The validated naming rule shared by every resource whose name appears in a path.
 */
package dev.corelake.platform.naming;
