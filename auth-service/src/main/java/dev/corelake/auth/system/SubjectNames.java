package dev.corelake.auth.system;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a name is taken by a user or an API client. Both become a token's {@code sub},
 * so a client may never be called like a user: services deciding ownership by subject
 * would confuse them.
 *
 * @author Corelake
 */
@Component
public class SubjectNames {

	private final JdbcClient jdbc;

	SubjectNames(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Whether a user or an API client has the name.
	 * @param name the name
	 * @return {@code true} when taken
	 */
	public boolean isTaken(String name) {
		return this.jdbc
			.sql("select (select count(*) from app_user where username = :name)"
					+ " + (select count(*) from api_client where client_id = :name)")
			.param("name", name)
			.query(Long.class)
			.single() > 0;
	}

}
