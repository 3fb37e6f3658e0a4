package dev.corelake.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * What the service tests share in one JVM: a real PostgreSQL server holding the source
 * tables, the catalog stand-in, and the lake and inbox directories. Started once, on
 * first use, and stopped when the test JVM ends.
 *
 * @author Corelake
 */
public final class SyncFixtures {

	private static SyncFixtures instance;

	private final EmbeddedPostgres postgres;

	private final StubCatalog catalog;

	private final Path root;

	private SyncFixtures() {
		try {
			this.postgres = EmbeddedPostgres.start();
			this.catalog = StubCatalog.start();
			this.root = Files.createTempDirectory("sync-tests");
			Files.createDirectories(inbox());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(this::close, "sync-fixtures-stop"));
	}

	/**
	 * The fixtures of this JVM.
	 * @return the fixtures
	 */
	public static synchronized SyncFixtures get() {
		if (instance == null) {
			instance = new SyncFixtures();
		}
		return instance;
	}

	/**
	 * The source database's JDBC URL (without credentials).
	 * @return the URL
	 */
	public String postgresUrl() {
		return "jdbc:postgresql://localhost:" + this.postgres.getPort() + "/postgres";
	}

	/**
	 * Runs SQL in the source database.
	 * @param sql statements
	 */
	public void sql(String... sql) {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			for (String each : sql) {
				statement.execute(each);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A connection to the source database.
	 * @return the connection
	 * @throws SQLException when it cannot connect
	 */
	public Connection connection() throws SQLException {
		return this.postgres.getPostgresDatabase().getConnection();
	}

	/**
	 * The catalog stand-in.
	 * @return the stub
	 */
	public StubCatalog catalog() {
		return this.catalog;
	}

	/**
	 * The lake's root directory.
	 * @return the directory
	 */
	public Path lake() {
		return this.root.resolve("lake");
	}

	/**
	 * The allowed directory of file sources.
	 * @return the directory
	 */
	public Path inbox() {
		return this.root.resolve("inbox");
	}

	private void close() {
		this.catalog.close();
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			// the JVM is ending
		}
	}

}
