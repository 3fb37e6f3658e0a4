package dev.corelake.lake;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lake on the local file system ({@code file:}).
 *
 * @author Corelake
 */
class LocalLakeTests extends AbstractLakeTests {

	@TempDir
	Path tempDir;

	private int roots;

	@Override
	URI newRoot() throws IOException {
		return URI.create("file:" + this.tempDir.resolve("lake" + (this.roots++)));
	}

	@Test
	void aPlainPathOpensAsALocalLakeAndTheRootIsCreated() throws IOException {
		Path dir = this.tempDir.resolve("plain/lake");
		try (Lake plain = Lake.open(URI.create(dir.toString()), Map.of())) {
			assertThat(plain.uri()).isEqualTo(URI.create("file:" + dir));
			assertThat(Files.isDirectory(dir)).isTrue();
		}
	}

	@Test
	void committedFilesAreOnTheLocalDisk() throws IOException {
		Staging staging = this.lake.stage("sync", "run-1");
		write(staging.file("part-0.parquet"), "abc");
		this.lake.commit(staging, "orders", "v1");
		Path root = Path.of(this.lake.uri());
		assertThat(root.resolve("datasets/orders/v1/part-0.parquet")).hasContent("abc");
		assertThat(root.resolve("_staging/sync/run-1")).doesNotExist();
	}

}
