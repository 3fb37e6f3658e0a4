/**
 * Fires jobs' cron schedules, once per firing time across every replica.
 */
package dev.corelake.sync.schedule;
