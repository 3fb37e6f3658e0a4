package dev.corelake.lake;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The lake on a real HDFS: a NameNode and a DataNode in this JVM, shared by the class.
 *
 * @author Corelake
 */
class HdfsLakeTests extends AbstractLakeTests {

	@TempDir
	static Path clusterDir;

	static MiniDFSCluster cluster;

	private static int roots;

	@BeforeAll
	static void startCluster() throws IOException {
		Configuration conf = new Configuration();
		cluster = new MiniDFSCluster.Builder(conf, clusterDir.toFile()).numDataNodes(1).build();
		cluster.waitActive();
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.shutdown(true);
		}
	}

	@Override
	URI newRoot() {
		return URI.create(cluster.getURI() + "/corelake" + (roots++));
	}

	@Test
	void locationsAreHdfsUrisOfTheNameNode() {
		URI location = this.lake.locationOf("orders", "v1");
		assertThat(location.getScheme()).isEqualTo("hdfs");
		assertThat(location.getAuthority()).isEqualTo(cluster.getURI().getAuthority());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.lake.resolve(URI.create("file:" + location.getPath())));
	}

	@Test
	void aRootWithoutAnAbsolutePathIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Lake.open(URI.create(cluster.getURI().toString()), Map.of()));
	}

}
