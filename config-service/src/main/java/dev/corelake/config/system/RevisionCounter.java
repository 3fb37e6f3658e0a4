package dev.corelake.config.system;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one revision counter of the store, shared by every replica. A write locks it first
 * ({@link #lock()}) and takes the next number only when it really changes something
 * ({@link #next()}); because the row lock is held to the commit, revisions become visible
 * in the order they were handed out, so a watcher that has seen revision N has seen
 * everything up to N.
 *
 * @author Corelake
 */
@Component
public class RevisionCounter {

	private final JdbcClient jdbc;

	RevisionCounter(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks the counter for the current transaction.
	 * @return the newest revision
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long lock() {
		return this.jdbc.sql("select revision from config_sequence where id = 1 for update").query(Long.class).single();
	}

	/**
	 * Takes the next revision; call after {@link #lock()} in the same transaction.
	 * @return the new revision
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long next() {
		this.jdbc.sql("update config_sequence set revision = revision + 1 where id = 1").update();
		return current();
	}

	/**
	 * The newest committed revision (cheap: one row by primary key).
	 * @return the revision
	 */
	public long current() {
		return this.jdbc.sql("select revision from config_sequence where id = 1").query(Long.class).single();
	}

}
