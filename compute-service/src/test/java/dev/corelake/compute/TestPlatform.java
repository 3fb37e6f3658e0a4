package dev.corelake.compute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.corelake.catalog.CatalogServiceApplication;
import dev.corelake.compute.spark.SharedSpark;
import dev.corelake.platform.security.ClientCredentialsTokens;
import dev.corelake.platform.security.test.TestJwtIssuer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * What compute-service's tests run against, started once per test run and stopped at its
 * end: a token issuer with a real JWKS, a real catalog-service (its own application
 * context on a random port, H2 in memory, checking tokens), a lake in a temporary
 * directory, and the shared SparkSession to seed datasets with plain Spark.
 *
 * @author Corelake
 */
public final class TestPlatform implements BeforeAllCallback, AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static TestPlatform instance;

	private final TestJwtIssuer issuer;

	private final ConfigurableApplicationContext catalog;

	private final Path dir;

	private final SparkSession spark;

	private final CatalogRelay relay;

	/** Used by JUnit ({@code @ExtendWith}); the platform itself is {@link #get()}. */
	public TestPlatform() {
		this.issuer = null;
		this.catalog = null;
		this.dir = null;
		this.spark = null;
		this.relay = null;
	}

	private TestPlatform(boolean start) {
		try {
			this.dir = Files.createTempDirectory("corelake-compute-tests");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.issuer = TestJwtIssuer.start();
		this.catalog = new SpringApplicationBuilder(CatalogServiceApplication.class).registerShutdownHook(false)
			.run("--spring.config.name=catalog-service", "--server.port=0", "--management.server.port=0",
					"--spring.datasource.url=jdbc:h2:mem:compute-tests-catalog;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
					"--corelake.config.client.enabled=false", "--corelake.lake.uri=" + this.dir.resolve("lake").toUri(),
					"--corelake.platform.security.auth-url=" + this.issuer.authUrl());
		this.spark = SharedSpark.acquire(2, Map.of());
		this.relay = CatalogRelay.start(catalogUrl());
	}

	/**
	 * The platform, started on first use.
	 * @return it
	 */
	public static synchronized TestPlatform get() {
		if (instance == null) {
			instance = new TestPlatform(true);
		}
		return instance;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		// closed once, when the whole test run ends
		context.getRoot()
			.getStore(ExtensionContext.Namespace.GLOBAL)
			.getOrComputeIfAbsent(TestPlatform.class, (key) -> {
				get();
				return new TestPlatform();
			});
	}

	@Override
	public void close() {
		synchronized (TestPlatform.class) {
			if (instance != null) {
				instance.relay.close();
				instance.catalog.close();
				instance.issuer.close();
				SharedSpark.release();
				FileSystemUtils.deleteRecursively(instance.dir.toFile());
				instance = null;
			}
		}
	}

	/**
	 * The token issuer.
	 * @return it
	 */
	public TestJwtIssuer issuer() {
		return this.issuer;
	}

	/**
	 * catalog-service's base URL.
	 * @return the URL
	 */
	public String catalogUrl() {
		return "http://localhost:" + ((WebServerApplicationContext) this.catalog).getWebServer().getPort();
	}

	/**
	 * The relay in front of catalog-service, the address compute-service under test is
	 * given for the catalog.
	 * @return the relay
	 */
	public CatalogRelay catalogRelay() {
		return this.relay;
	}

	/**
	 * The lake root.
	 * @return a {@code file:} URI
	 */
	public URI lakeUri() {
		return this.dir.resolve("lake").toUri();
	}

	/**
	 * The shared session.
	 * @return it
	 */
	public SparkSession spark() {
		return this.spark;
	}

	/**
	 * A user's token.
	 * @param user the user
	 * @param roles the roles
	 * @return the token
	 */
	public String token(String user, String... roles) {
		return this.issuer.token(user, roles);
	}

	/**
	 * compute-service's own token source: what auth-service's client-credentials grant
	 * would give it (scope {@code catalog.write}).
	 * @return the source
	 */
	public ClientCredentialsTokens serviceTokens() {
		return new ClientCredentialsTokens(null, "compute-service", "unused", java.time.Clock.systemUTC()) {
			@Override
			public synchronized java.util.Optional<String> token() {
				return java.util.Optional.of(TestPlatform.this.issuer.token("compute-service",
						(claims) -> claims.claim("scope", "catalog.write").claim("roles", java.util.List.of()),
						(header) -> {
						}));
			}
		};
	}

	/**
	 * Writes rows as Parquet into the lake and registers them as a new version of a
	 * dataset owned by a user (created when missing).
	 * @param token the owner's token
	 * @param dataset the dataset
	 * @param versionId the lake version id
	 * @param rows the rows
	 * @return the version's location
	 */
	public String seed(String token, String dataset, String versionId, Dataset<Row> rows) {
		String location = lakeUri().toString().replaceFirst("/$", "") + "/datasets/" + dataset + "/" + versionId;
		rows.write().parquet(location);
		call("POST", catalogUrl() + "/api/v1/datasets", token, "{\"name\":\"" + dataset + "\"}");
		String schema = String.join(",",
				java.util.Arrays.stream(rows.schema().fields())
					.map((field) -> "{\"name\":\"" + field.name() + "\",\"type\":\"" + field.dataType().catalogString()
							+ "\",\"nullable\":" + field.nullable() + "}")
					.toList());
		String location2 = location.replace("file:///", "file:/");
		HttpResponse<String> response = call("POST", catalogUrl() + "/api/v1/datasets/" + dataset + "/versions", token,
				"{\"location\":\"" + location2 + "\",\"format\":\"PARQUET\",\"schema\":[" + schema + "],\"rowCount\":"
						+ rows.count() + ",\"bytes\":1,\"producedBy\":\"test-seed-" + versionId + "\"}");
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException("Cannot register " + dataset + ": " + response.body());
		}
		return location2;
	}

	/**
	 * Calls a service.
	 * @param method the method
	 * @param url the URL
	 * @param token a bearer token, or {@code null}
	 * @param json a JSON body, or {@code null}
	 * @return the response
	 */
	public static HttpResponse<String> call(String method, String url, String token, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method,
				(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
