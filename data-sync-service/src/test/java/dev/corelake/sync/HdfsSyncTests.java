package dev.corelake.sync;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same sync into a real HDFS (a NameNode and a DataNode in this JVM): a PostgreSQL
 * table lands as Parquet under {@code hdfs://…/datasets/…}, registered with its
 * {@code hdfs://} location, and reads back with the table's count and checksum.
 *
 * @author Corelake
 */
@DirtiesContext
class HdfsSyncTests extends AbstractSyncTests {

	@TempDir
	static Path clusterDir;

	static MiniDFSCluster cluster;

	@BeforeAll
	static void startCluster() throws IOException {
		cluster = new MiniDFSCluster.Builder(new Configuration(), clusterDir.toFile()).numDataNodes(1).build();
		cluster.waitActive();
		lakeUri = cluster.getURI() + "/corelake";
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.shutdown(true);
		}
		lakeUri = null;
	}

	/** A context of its own (with the HDFS lake), closed after this class. */
	@DynamicPropertySource
	static void hdfsLake(DynamicPropertyRegistry registry) {
		registry.add("corelake.test.lake", () -> lakeUri);
	}

	@Test
	void fullSyncWhenLakeIsHdfsThenParquetReadsBackWithTheTablesCountAndChecksum() throws Exception {
		fixtures().sql(JdbcSyncTests.createOrders("orders_hdfs", 12_000));
		postgresSource("pg-hdfs");
		job(Map.of("name", "orders-hdfs", "source", "pg-hdfs", "dataset", "orders-hdfs", "table", "orders_hdfs",
				"chunkRows", 5_000));
		long id = start("orders-hdfs");
		Map<String, Object> run = awaitState(id, "SUCCEEDED");

		assertThat((String) run.get("location")).startsWith("hdfs://")
			.endsWith("/corelake/datasets/orders-hdfs/sync-" + id);
		List<Group> rows = ParquetFiles.read(this.lake.fileSystem(), versionDir(run));
		assertThat(rows).hasSize(12_000);
		assertThat(JdbcSyncTests.checksum(rows)).isEqualTo(JdbcSyncTests.tableChecksum("orders_hdfs"));
		assertThat(ParquetFiles.parts(this.lake.fileSystem(), versionDir(run))).hasSize(3);
		assertThat(
				this.lake.fileSystem().exists(new org.apache.hadoop.fs.Path(this.lake.root(), "_staging/sync/" + id)))
			.as("nothing left in staging")
			.isFalse();
		assertThat(fixtures().catalog().registrations("orders-hdfs").get(0)).containsEntry("location",
				run.get("location"));
	}

}
