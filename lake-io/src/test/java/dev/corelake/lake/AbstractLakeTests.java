package dev.corelake.lake;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The lake's contract, run against each file system ({@code file:} and a real HDFS).
 *
 * @author Corelake
 */
abstract class AbstractLakeTests {

	private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

	final TestClock clock = new TestClock(START);

	Lake lake;

	/**
	 * A fresh, empty lake root for one test.
	 * @return the root URI
	 */
	abstract URI newRoot() throws IOException;

	@BeforeEach
	void openLake() throws IOException {
		this.lake = Lake.open(newRoot(), Map.of(), this.clock);
	}

	@AfterEach
	void closeLake() throws IOException {
		this.lake.close();
	}

	@Test
	void stageWritesLeaseAndCommitRenamesToTheVersionDirectory() throws IOException {
		Staging staging = this.lake.stage("sync", "run-1");
		write(staging.file("part-00000.parquet"), "rows");
		assertThat(this.lake.stagingAreas()).singleElement().satisfies((area) -> {
			assertThat(area.owner()).isEqualTo("sync");
			assertThat(area.runId()).isEqualTo("run-1");
			assertThat(area.lease()).isEqualTo(START);
			assertThat(area.path()).isEqualTo(staging.dir());
			assertThat(area.path().toUri().toString()).startsWith(this.lake.uri().toString() + "/");
			assertThat(area.isLive(START.plusSeconds(119), Duration.ofMinutes(2))).isTrue();
			assertThat(area.isLive(START.plusSeconds(120), Duration.ofMinutes(2))).isFalse();
		});
		assertThat(this.lake.versionDirs()).isEmpty();

		this.clock.set(START.plusSeconds(3600));
		Path committed = this.lake.commit(staging, "orders", "sync-1-0001");

		assertThat(committed).isEqualTo(new Path(this.lake.root(), "datasets/orders/sync-1-0001"));
		assertThat(staging.exists()).isFalse();
		assertThat(this.lake.stagingAreas()).isEmpty();
		FileSystem fs = this.lake.fileSystem();
		assertThat(fs.exists(new Path(committed, "part-00000.parquet"))).isTrue();
		assertThat(fs.exists(new Path(committed, Lake.LEASE))).isFalse();
		List<LakeEntry> versions = this.lake.versionDirs();
		assertThat(versions).singleElement().satisfies((entry) -> {
			assertThat(entry.kind()).isEqualTo(LakeEntry.Kind.DATASET);
			assertThat(entry.name()).isEqualTo("orders");
			assertThat(entry.versionId()).isEqualTo("sync-1-0001");
			assertThat(entry.bytes()).isEqualTo(4);
			assertThat(entry.modified()).isEqualTo(START.plusSeconds(3600));
			assertThat(entry.location()).isEqualTo(this.lake.locationOf("orders", "sync-1-0001"));
			assertThat(entry.path()).isEqualTo(committed);
		});
	}

	@Test
	void heartbeatRefreshesTheLease() {
		Staging staging = this.lake.stage("compute", "job-7f3a");
		this.clock.set(START.plusSeconds(40));
		staging.heartbeat();
		assertThat(this.lake.stagingAreas()).singleElement()
			.satisfies((area) -> assertThat(area.lease()).isEqualTo(START.plusSeconds(40)));
	}

	@Test
	void stageAgainResumesWithTheFilesAlreadyWritten() throws IOException {
		Staging first = this.lake.stage("sync", "run-2");
		write(first.file("chunk/part-0.parquet"), "abc");
		this.clock.set(START.plusSeconds(600));
		Staging resumed = this.lake.stage("sync", "run-2");
		assertThat(resumed.dir()).isEqualTo(first.dir());
		assertThat(this.lake.fileSystem().exists(resumed.file("chunk/part-0.parquet"))).isTrue();
		assertThat(this.lake.stagingAreas()).singleElement()
			.satisfies((area) -> assertThat(area.lease()).isEqualTo(START.plusSeconds(600)));
	}

	@Test
	void commitAgainAfterACrashReturnsTheCommittedVersion() throws IOException {
		Staging staging = this.lake.stage("sync", "run-3");
		write(staging.file("part-0.parquet"), "x");
		Path committed = this.lake.commit(staging, "orders", "v1");
		assertThat(this.lake.commit(staging, "orders", "v1")).isEqualTo(committed);
		assertThat(this.lake.fileSystem().exists(new Path(committed, "part-0.parquet"))).isTrue();
		assertThat(this.lake.versionDirs()).hasSize(1);
	}

	@Test
	void commitWhenTheVersionAndTheStagingAreaBothExistIsRefused() throws IOException {
		Staging one = this.lake.stage("sync", "run-4");
		write(one.file("a.parquet"), "one");
		this.lake.commit(one, "orders", "v1");
		Staging other = this.lake.stage("sync", "run-5");
		write(other.file("a.parquet"), "other");
		assertThatIllegalStateException().isThrownBy(() -> this.lake.commit(other, "orders", "v1"));
		assertThat(other.exists()).isTrue();
		assertThat(read(new Path(this.lake.versionPath("orders", "v1"), "a.parquet"))).isEqualTo("one");
	}

	@Test
	void commitWithNothingStagedIsRefused() {
		Staging staging = this.lake.stage("sync", "run-6");
		staging.abort();
		assertThatIllegalStateException().isThrownBy(() -> this.lake.commit(staging, "orders", "v9"));
		assertThat(this.lake.versionDirs()).isEmpty();
	}

	@Test
	void abortRemovesTheStagingArea() throws IOException {
		Staging staging = this.lake.stage("model", "train-1");
		write(staging.file("weights.bin"), "w");
		staging.abort();
		assertThat(staging.exists()).isFalse();
		assertThat(this.lake.stagingAreas()).isEmpty();
		assertThatNoException().isThrownBy(staging::abort);
	}

	@Test
	void commitModelRenamesIntoModels() throws IOException {
		Staging staging = this.lake.stage("model", "train-2");
		write(staging.file("model.bin"), "m");
		Path committed = this.lake.commitModel(staging, "churn", "v3");
		assertThat(committed).isEqualTo(this.lake.modelPath("churn", "v3"));
		assertThat(this.lake.versionDirs()).singleElement().satisfies((entry) -> {
			assertThat(entry.kind()).isEqualTo(LakeEntry.Kind.MODEL);
			assertThat(entry.name()).isEqualTo("churn");
		});
	}

	@Test
	void stagingAreaWithoutALeaseIsListedAsNeverLive() throws IOException {
		Path dir = new Path(this.lake.root(), "_staging/sync/dead-run");
		this.lake.fileSystem().mkdirs(dir);
		assertThat(this.lake.stagingAreas()).singleElement().satisfies((area) -> {
			assertThat(area.lease()).isNull();
			assertThat(area.isLive(START, Duration.ofMinutes(2))).isFalse();
		});
	}

	@Test
	void strayFilesOutsideTheLayoutAreNotListedAsVersions() throws IOException {
		write(new Path(this.lake.root(), "datasets/orders/not-a-dir"), "x");
		write(new Path(this.lake.root(), "datasets/stray-file"), "x");
		assertThat(this.lake.versionDirs()).isEmpty();
	}

	@Test
	void resolveMapsALocationBackToItsPath() {
		URI location = this.lake.locationOf("orders", "sync-42-0001");
		assertThat(location.getScheme()).isEqualTo(this.lake.uri().getScheme());
		assertThat(location.toString()).isEqualTo(this.lake.uri() + "/datasets/orders/sync-42-0001");
		assertThat(this.lake.resolve(location)).isEqualTo(this.lake.versionPath("orders", "sync-42-0001"));
		assertThat(this.lake.resolve(this.lake.uri())).isEqualTo(this.lake.root());
	}

	@Test
	void resolveRefusesLocationsOutsideTheRoot() {
		String root = this.lake.uri().toString();
		for (String location : List.of(root + "/datasets/../../etc", root + "/datasets/./x", root + "/..",
				root + "-other/datasets/x/v", parentOf(root) + "/elsewhere", root + "/datasets/x?y=1",
				root + "/datasets/x#v", "datasets/x/v", "/datasets/x/v",
				"ftp://host" + this.lake.root().toUri().getPath(),
				"hdfs://other-host:8020" + this.lake.root().toUri().getPath(), "file:relative/lake")) {
			assertThatIllegalArgumentException().as(location).isThrownBy(() -> this.lake.resolve(URI.create(location)));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Orders", "../x", ".hidden", "a/b", "-x", "_staging", "a b", "é" })
	void invalidNamesAreRefused(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.lake.stage(name, "run"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.lake.stage("sync", name));
		assertThatIllegalArgumentException().isThrownBy(() -> this.lake.locationOf(name, "v1"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.lake.locationOf("orders", name));
		Staging staging = this.lake.stage("sync", "run-7");
		assertThatIllegalArgumentException().isThrownBy(() -> this.lake.commit(staging, name, "v1"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.lake.commitModel(staging, "m", name));
		assertThat(staging.exists()).isTrue();
	}

	@Test
	void tooLongNamesAreRefused() {
		assertThat(Lake.checkName("x", "a".repeat(128))).hasSize(128);
		assertThatIllegalArgumentException().isThrownBy(() -> this.lake.stage("sync", "a".repeat(129)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.lake.stage("sync", null));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "../x", "a/../b", ".crc", "/abs", "a//b", "_LEASE", "a\\b" })
	void invalidStagingFileNamesAreRefused(String name) {
		Staging staging = this.lake.stage("sync", "run-8");
		assertThatIllegalArgumentException().isThrownBy(() -> staging.file(name));
	}

	@Test
	void deleteRemovesADirectoryButRefusesTheRootAndAnythingOutside() throws IOException {
		Staging staging = this.lake.stage("sync", "run-9");
		write(staging.file("a.parquet"), "x");
		Path committed = this.lake.commit(staging, "orders", "v1");
		this.lake.delete(committed);
		assertThat(this.lake.fileSystem().exists(committed)).isFalse();
		assertThatNoException().isThrownBy(() -> this.lake.delete(committed));

		assertThatIllegalArgumentException().isThrownBy(() -> this.lake.delete(this.lake.root()));
		assertThatIllegalArgumentException().isThrownBy(() -> this.lake.delete(new Path(this.lake.root(), "/")));
		assertThatIllegalArgumentException().isThrownBy(() -> this.lake.delete(this.lake.root().getParent()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.lake.delete(new Path(this.lake.root().getParent(), "sibling")));
		assertThat(this.lake.fileSystem().exists(this.lake.root())).isTrue();
	}

	private static String parentOf(String root) {
		return root.substring(0, root.lastIndexOf('/'));
	}

	void write(Path path, String content) throws IOException {
		try (OutputStream out = this.lake.fileSystem().create(path, true)) {
			out.write(content.getBytes(StandardCharsets.UTF_8));
		}
	}

	String read(Path path) throws IOException {
		try (var in = this.lake.fileSystem().open(path)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/**
	 * A clock the test moves.
	 */
	static final class TestClock extends Clock {

		private final AtomicReference<Instant> now;

		TestClock(Instant start) {
			this.now = new AtomicReference<>(start);
		}

		void set(Instant instant) {
			this.now.set(instant);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now.get();
		}

	}

}
