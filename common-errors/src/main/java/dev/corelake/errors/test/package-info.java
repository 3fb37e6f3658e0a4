/**
 * AssertJ conformance kit that services' tests use to check their problem answers.
 */
package dev.corelake.errors.test;
