package dev.corelake.catalog.dataset;

import java.io.IOException;
import java.time.Instant;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The persistence tests on a real PostgreSQL server, started once for the class.
 *
 * @author Corelake
 */
@DirtiesContext
class PostgresCatalogPersistenceTests extends AbstractCatalogPersistenceTests {

	private static EmbeddedPostgres postgres;

	@Autowired
	private DatasetRepository datasets;

	@BeforeAll
	static void startPostgres() throws IOException {
		postgres = EmbeddedPostgres.start();
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		if (postgres != null) {
			postgres.close();
		}
	}

	@DynamicPropertySource
	static void postgresDataSource(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "postgres");
	}

	@Test
	void saveWhenDescriptionHasNulCharacterThenPostgresRefusesIt() {
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.datasets
			.save(new Dataset("nul", "before\u0000after", "team-a", Set.of(), null, Instant.now())));
		assertThat(this.datasets.findByName("nul")).as("why the API refuses NUL in free text").isEmpty();
	}

	@Override
	protected String expectedDatabaseProduct() {
		return "PostgreSQL";
	}

}
