package dev.corelake.catalog.dataset;

import org.springframework.test.context.TestPropertySource;

/**
 * The persistence tests on H2 in PostgreSQL mode, the service's default database.
 *
 * @author Corelake
 */
@TestPropertySource(
		properties = "spring.datasource.url=jdbc:h2:mem:catalog-persistence-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")
class H2CatalogPersistenceTests extends AbstractCatalogPersistenceTests {

	@Override
	protected String expectedDatabaseProduct() {
		return "H2";
	}

}
