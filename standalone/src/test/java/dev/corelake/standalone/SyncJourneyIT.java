package dev.corelake.standalone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.corelake.lake.Lake;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync journey of docs/sync.md on the whole platform (real auth-service,
 * catalog-service and data-sync-service, random ports): a CSV file source and a JDBC
 * source (an H2 database in memory), a full and an incremental run, progress, the
 * versions and their lineage in the real catalog, and the Parquet read back from the
 * lake.
 *
 * @author Corelake
 */
class SyncJourneyIT {

	private static final String ADMIN_PASSWORD = "sync-journey-admin-Secret-1";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path dataDir;

	private String token;

	@Test
	void journeyWhenCsvAndJdbcSourcesSyncedThenVersionsAndLineageInTheCatalogAndParquetInTheLake() throws Exception {
		Files.createDirectories(this.dataDir.resolve("inbox"));
		Files.writeString(this.dataDir.resolve("inbox/fruit.csv"),
				"id,name,price\n1,apple,0.50\n2,pear,0.75\n3,plum,x\n");
		try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:journey;DB_CLOSE_DELAY=-1", "sa", "");
				Statement sql = h2.createStatement();
				PlatformLauncher.RunningPlatform platform = PlatformLauncher.start(this.dataDir, (service) -> 0,
						(service) -> 0, Map.of("corelake.auth.admin-password", ADMIN_PASSWORD))) {
			sql.execute("create table orders (id bigint primary key, item varchar(20), updated_at timestamp not null)");
			sql.execute("insert into orders select x, 'item-' || x, timestamp '2026-01-01 00:00:00' + x * interval '1' "
					+ "minute from system_range(1, 100)");
			login(platform);
			String sync = platform.url("data-sync-service") + "/api/v1/sync";
			String catalog = platform.url("catalog-service") + "/api/v1/datasets";

			assertThat(send("POST", sync + "/sources",
					"{\"name\":\"fruit-csv\",\"kind\":\"csv\",\"path\":\"fruit.csv\","
							+ "\"columns\":[{\"name\":\"id\",\"type\":\"bigint\"},{\"name\":\"name\",\"type\":\"string\"},"
							+ "{\"name\":\"price\",\"type\":\"decimal(6,2)\"}]}")
				.statusCode()).isEqualTo(201);
			assertThat(
					send("POST", sync + "/jobs", "{\"name\":\"fruit\",\"source\":\"fruit-csv\",\"dataset\":\"fruit\","
							+ "\"rejectLimit\":{\"count\":5}}")
						.statusCode())
				.isEqualTo(201);
			String fruitRun = awaitSucceeded(sync, start(sync, "fruit"));
			assertThat(fruitRun).contains("\"rowsWritten\":2").contains("\"rowsRejected\":1");
			assertThat(send("GET", sync + "/runs/" + id(fruitRun) + "/rejects", null).body())
				.contains("is not a valid decimal(6,2)");

			assertThat(send("POST", sync + "/sources",
					"{\"name\":\"shop-db\",\"kind\":\"jdbc\","
							+ "\"url\":\"jdbc:h2:mem:journey;DB_CLOSE_DELAY=-1\",\"user\":\"sa\"}")
				.statusCode()).isEqualTo(201);
			assertThat(send("POST", sync + "/jobs",
					"{\"name\":\"orders\",\"source\":\"shop-db\",\"dataset\":\"orders\","
							+ "\"table\":\"orders\",\"mode\":\"incremental\",\"cursorColumn\":\"updated_at\"}")
				.statusCode()).isEqualTo(201);
			String first = awaitSucceeded(sync, start(sync, "orders"));
			assertThat(first).contains("\"rowsWritten\":100").contains("\"datasetVersion\":1");
			sql.execute("insert into orders select x, 'late-' || x, timestamp '2026-02-01 00:00:00' + x * interval '1' "
					+ "minute from system_range(101, 130)");
			String second = awaitSucceeded(sync, start(sync, "orders"));
			assertThat(second).contains("\"rowsWritten\":30").contains("\"datasetVersion\":2");

			HttpResponse<String> versions = send("GET", catalog + "/orders/versions", null);
			assertThat(versions.statusCode()).isEqualTo(200);
			assertThat(versions.body()).contains("\"producedBy\":\"sync-run:" + id(second) + "\"")
				.contains("\"rowCount\":30")
				.contains("\"kind\":\"jdbc\"")
				.contains("\"name\":\"shop-db\"");
			HttpResponse<String> lineage = send("GET", catalog + "/orders/lineage?direction=upstream&depth=2", null);
			assertThat(lineage.statusCode()).as(lineage.body()).isEqualTo(200);
			assertThat(lineage.body()).contains("shop-db");
			assertThat(send("GET", catalog + "/fruit", null).body()).contains("\"owner\":\"admin\"");

			try (Lake lake = Lake.open(this.dataDir.resolve("lake").toUri(), Map.of())) {
				long rows = 0;
				for (FileStatus part : lake.fileSystem().listStatus(lake.versionPath("orders", "sync-" + id(second)))) {
					if (part.getPath().getName().endsWith(".parquet")) {
						try (ParquetFileReader reader = ParquetFileReader
							.open(HadoopInputFile.fromPath(part.getPath(), lake.fileSystem().getConf()))) {
							rows += reader.getRecordCount();
						}
					}
				}
				assertThat(rows).isEqualTo(30);
			}
		}
	}

	private long start(String sync, String job) throws Exception {
		HttpResponse<String> started = send("POST", sync + "/jobs/" + job + "/runs", null);
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		return Long.parseLong(id(started.body()));
	}

	private String awaitSucceeded(String sync, long run) {
		String[] body = new String[1];
		Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
			body[0] = send("GET", sync + "/runs/" + run, null).body();
			assertThat(body[0]).doesNotContain("\"state\":\"FAILED\"");
			return body[0].contains("\"state\":\"SUCCEEDED\"");
		});
		return body[0];
	}

	private static String id(String json) {
		Matcher matcher = Pattern.compile("\"id\":(\\d+)").matcher(json);
		assertThat(matcher.find()).as(json).isTrue();
		return matcher.group(1);
	}

	private void login(PlatformLauncher.RunningPlatform platform) throws Exception {
		HttpResponse<String> login = this.http.send(HttpRequest
			.newBuilder(URI.create(platform.url("auth-service") + "/api/v1/auth/token"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=admin&password=" + ADMIN_PASSWORD))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		this.token = login.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
	}

	private HttpResponse<String> send(String method, String url, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(15))
			.header("Authorization", "Bearer " + this.token)
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
