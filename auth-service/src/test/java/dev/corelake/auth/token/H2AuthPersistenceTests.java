package dev.corelake.auth.token;

import org.springframework.test.context.TestPropertySource;

/**
 * The persistence tests on H2 in PostgreSQL mode, the service's default database.
 *
 * @author Corelake
 */
@TestPropertySource(
		properties = "spring.datasource.url=jdbc:h2:mem:auth-persistence-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")
class H2AuthPersistenceTests extends AbstractAuthPersistenceTests {

	@Override
	protected String expectedDatabaseProduct() {
		return "H2";
	}

}
