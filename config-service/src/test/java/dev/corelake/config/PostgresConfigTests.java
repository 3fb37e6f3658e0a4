package dev.corelake.config;

import java.io.IOException;
import java.net.http.HttpResponse;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.corelake.config.ConfigApiTests.json;
import static dev.corelake.config.ConfigApiTests.properties;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store on a real PostgreSQL: migrations, compare-and-set, history and rollback,
 * entries, and secret values as ciphertext in the tables.
 *
 * @author Corelake
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class PostgresConfigTests extends HttpTestSupport {

	private static EmbeddedPostgres postgres;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

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

	@Override
	protected int port() {
		return this.port;
	}

	@Test
	void writeHistoryRollbackAndSecretsOnPostgres() throws Exception {
		assertThat(this.jdbc.sql("select version()").query(String.class).single()).contains("PostgreSQL");
		String path = properties("pg-service", "prod");
		long r1 = json(send("PATCH", path, admin(),
				"{\"set\":[{\"key\":\"pg.url\",\"value\":\"jdbc:x\"},"
						+ "{\"key\":\"pg.password\",\"value\":\"hunter2-on-postgres\",\"secret\":true}]}",
				"If-Match", "\"0\""))
			.get("revision")
			.asLong();
		long r2 = json(send("PUT", path + "/pg.url", admin(), "{\"value\":\"jdbc:y\"}", "If-Match", "\"" + r1 + "\""))
			.get("revision")
			.asLong();
		assertProblem(send("PUT", path + "/pg.url", admin(), "{\"value\":\"jdbc:z\"}", "If-Match", "\"" + r1 + "\""),
				412, "PRECONDITION_FAILED");

		String stored = this.jdbc.sql("select snapshot || changes from config_revision where revision = :r")
			.param("r", r1)
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain("hunter2-on-postgres").contains("jdbc:x").contains("v1:");

		HttpResponse<String> rolledBack = send("POST", path.replace("/properties", "/revisions/" + r1 + "/rollback"),
				admin(), "{\"message\":\"undo url\"}", "If-Match", "\"" + r2 + "\"");
		assertThat(rolledBack.statusCode()).isEqualTo(200);
		assertThat(rolledBack.body()).contains("jdbc:x").contains("hunter2-on-postgres");
		assertThat(json(send("GET", path.replace("/properties", "/revisions"), viewer(), null)).get("items")
			.get(0)
			.get("message")
			.asString()).isEqualTo("undo url");
		assertThat(json(send("GET", "/api/v1/config/views/pg-service?profile=prod", viewer(), null)).get("properties")
			.toString()).isEqualTo("{\"pg.password\":\"******\",\"pg.url\":\"jdbc:x\"}");
	}

	@Test
	void entriesCompareAndSetOnPostgres() throws Exception {
		HttpResponse<String> created = send("PUT", "/api/v1/config/entries/pg.leader", admin(), "{\"value\":\"a\"}",
				"If-None-Match", "*");
		assertThat(created.statusCode()).isEqualTo(201);
		String etag = created.headers().firstValue("ETag").orElseThrow();
		assertThat(send("PUT", "/api/v1/config/entries/pg.leader", admin(), "{\"value\":\"b\"}", "If-Match", etag)
			.statusCode()).isEqualTo(200);
		assertProblem(send("PUT", "/api/v1/config/entries/pg.leader", admin(), "{\"value\":\"c\"}", "If-Match", etag),
				412, "PRECONDITION_FAILED");
		assertThat(json(send("GET", "/api/v1/config/entries/pg.leader", viewer(), null)).get("value").asString())
			.isEqualTo("b");
	}

}
