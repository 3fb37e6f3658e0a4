/**
 * Test support shared by services' tests: a clock tests move by hand.
 */
package dev.corelake.platform.test;
