package dev.corelake.catalog.dataset;

import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import dev.corelake.catalog.version.VersionRepositoryAccess;
import dev.corelake.platform.web.PageResponse;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The catalog's persistence (Flyway schema, Spring Data JDBC mapping, the hand-written
 * listing query and the version counter) checked against a real database. Subclasses
 * choose the database; every test here runs on each of them.
 *
 * @author Corelake
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE)
abstract class AbstractCatalogPersistenceTests {

	private static final DatasetAccess.Caller ADMIN = new DatasetAccess.Caller("admin", java.util.Set.of("ROLE_ADMIN"));

	private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.123456Z");

	@Autowired
	private DatasetRepository datasets;

	@Autowired
	private DatasetQuery query;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private Flyway flyway;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Autowired
	private ApplicationContext context;

	private VersionRepositoryAccess versions;

	private TransactionTemplate transaction;

	/**
	 * The database product the subclass runs on, as JDBC names it.
	 * @return the product name
	 */
	protected abstract String expectedDatabaseProduct();

	@BeforeEach
	void emptyCatalog() {
		this.jdbc.sql("delete from dataset").update();
		this.versions = new VersionRepositoryAccess(this.context);
		this.transaction = new TransactionTemplate(this.transactionManager);
	}

	@Test
	void databaseWhenConnectedThenIsTheExpectedProduct() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo(expectedDatabaseProduct());
		}
	}

	@Test
	void migrationsWhenAppliedThenAllSucceededAndValidate() {
		MigrationInfo[] applied = this.flyway.info().applied();
		assertThat(applied).extracting((info) -> info.getVersion().getVersion(), MigrationInfo::getScript)
			.containsExactly(tuple("1", "V1__catalog.sql"), tuple("2", "V2__widen_version_schema.sql"),
					tuple("3", "V3__dataset_readers.sql"), tuple("4", "V4__lineage_and_expiry.sql"));
		assertThat(applied).allSatisfy((info) -> assertThat(info.getState().isApplied()).isTrue());
		assertThat(this.flyway.info().pending()).isEmpty();
		assertThat(this.flyway.validateWithResult().validationSuccessful).isTrue();
	}

	@Test
	void saveWhenDatasetHasTagsAndRetentionThenFoundByNameWithAllOfThem() {
		Dataset saved = this.datasets
			.save(new Dataset("sales", "Daily sales", "team-a", Set.of("gold", "finance"), new Retention(30, 5), NOW));
		assertThat(saved.getId()).isNotNull();
		assertThat(saved.getRevision()).isZero();

		Dataset found = this.datasets.findByName("sales").orElseThrow();
		assertThat(found.getId()).isEqualTo(saved.getId());
		assertThat(found.getDescription()).isEqualTo("Daily sales");
		assertThat(found.getOwner()).isEqualTo("team-a");
		assertThat(found.getTags()).containsExactly("finance", "gold");
		assertThat(found.getRetention()).isEqualTo(new Retention(30, 5));
		assertThat(found.getLastVersion()).isZero();
		assertThat(found.getRevision()).isZero();
		assertThat(found.getCreatedAt()).isEqualTo(NOW);
		assertThat(found.getUpdatedAt()).isEqualTo(NOW);
		assertThat(this.datasets.existsByName("sales")).isTrue();
		assertThat(this.datasets.existsByName("sale")).isFalse();
		assertThat(this.datasets.findByName("SALES")).as("names are case-sensitive").isEmpty();
		assertThat(countRows("dataset_tag")).isEqualTo(2);
	}

	@Test
	void saveWhenRetentionAbsentThenBothLimitsAreNull() {
		this.datasets.save(new Dataset("kept", null, "team-a", null, null, NOW));
		Dataset found = this.datasets.findByName("kept").orElseThrow();
		assertThat(found.getRetention()).isEqualTo(new Retention(null, null));
		assertThat(found.getTags()).isEmpty();
		assertThat(found.getDescription()).isNull();
	}

	@Test
	void saveWhenNameTakenThenDuplicateKeyAndOnlyTheFirstIsStored() {
		this.datasets.save(new Dataset("taken", "first", "team-a", Set.of(), null, NOW));
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.datasets.save(new Dataset("taken", "second", "team-b", Set.of("x"), null, NOW)));
		assertThat(this.datasets.findAll()).singleElement()
			.satisfies((dataset) -> assertThat(dataset.getDescription()).isEqualTo("first"));
		assertThat(countRows("dataset_tag")).isZero();
	}

	@Test
	void saveWhenCopyIsStaleThenOptimisticLockingFailureAndTheFirstChangeStays() {
		Long id = this.datasets.save(new Dataset("locked", "original", "team-a", Set.of("a"), null, NOW)).getId();
		Dataset first = this.datasets.findById(id).orElseThrow();
		Dataset second = this.datasets.findById(id).orElseThrow();
		first.describe("first writer");
		this.datasets.save(first);
		second.describe("second writer");
		second.replaceTags(Set.of("b"));
		assertThatExceptionOfType(OptimisticLockingFailureException.class).isThrownBy(() -> this.datasets.save(second));
		Dataset stored = this.datasets.findById(id).orElseThrow();
		assertThat(stored.getDescription()).isEqualTo("first writer");
		assertThat(stored.getTags()).containsExactly("a");
		assertThat(stored.getRevision()).isEqualTo(1);
	}

	@Test
	void saveWhenDatasetChangedThenRevisionIncreasesAndLastVersionIsNotWritten() {
		Long id = this.datasets.save(new Dataset("counted", null, "team-a", Set.of(), null, NOW)).getId();
		Dataset loaded = this.datasets.findById(id).orElseThrow();
		this.transaction.executeWithoutResult((status) -> {
			this.versions.incrementLastVersion(id);
			this.versions.incrementLastVersion(id);
		});
		loaded.describe("changed after two versions were taken");
		loaded.addTag("new");
		Dataset saved = this.datasets.save(loaded);
		assertThat(saved.getRevision()).isEqualTo(1);
		Dataset stored = this.datasets.findById(id).orElseThrow();
		assertThat(stored.getLastVersion()).as("last_version is only moved by the version registry").isEqualTo(2);
		assertThat(stored.getRevision()).isEqualTo(1);
		assertThat(stored.getTags()).containsExactly("new");
	}

	@Test
	void incrementLastVersionWhenCalledThenNumbersFollowOneAnotherPerDataset() {
		Long sales = this.datasets.save(new Dataset("sales", null, "team-a", Set.of(), null, NOW)).getId();
		Long costs = this.datasets.save(new Dataset("costs", null, "team-a", Set.of(), null, NOW)).getId();
		List<Integer> numbers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			numbers.add(this.transaction.execute((status) -> {
				assertThat(this.versions.incrementLastVersion(sales)).isEqualTo(1);
				return this.versions.lastVersion(sales);
			}));
		}
		assertThat(numbers).containsExactly(1, 2, 3);
		Integer untouched = this.transaction.execute((status) -> this.versions.lastVersion(costs));
		assertThat(untouched).isZero();
		Integer updated = this.transaction.execute((status) -> this.versions.incrementLastVersion(-1L));
		assertThat(updated).as("no row for an unknown dataset").isZero();
		assertThat(this.datasets.findById(sales).orElseThrow().getLastVersion()).isEqualTo(3);
	}

	@Test
	void incrementLastVersionWhenConcurrentThenEveryNumberIsTakenExactlyOnce() throws Exception {
		Long id = this.datasets.save(new Dataset("busy", null, "team-a", Set.of(), null, NOW)).getId();
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> futures = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				futures.add(executor.submit(() -> {
					start.await();
					return this.transaction.execute((status) -> {
						this.versions.incrementLastVersion(id);
						int number = this.versions.lastVersion(id);
						this.versions.save(id, number, NOW);
						return number;
					});
				}));
			}
			start.countDown();
			List<Integer> numbers = new ArrayList<>();
			for (Future<Integer> future : futures) {
				numbers.add(future.get(60, TimeUnit.SECONDS));
			}
			assertThat(numbers).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
		}
		finally {
			executor.shutdownNow();
			assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(this.versions.allNewestFirst(id))
			.isEqualTo(IntStream.rangeClosed(1, 20).map((i) -> 21 - i).boxed().toList());
	}

	@Test
	void saveVersionWhenNumberTakenThenDuplicateKey() {
		Long id = this.datasets.save(new Dataset("twice", null, "team-a", Set.of(), null, NOW)).getId();
		this.versions.save(id, 1, NOW);
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> this.versions.save(id, 1, NOW));
		assertThat(this.versions.count(id)).isEqualTo(1);
	}

	@Test
	void saveVersionWhenSchemaJsonIsAsLargeAsTheApiAllowsThenStored() {
		Long id = this.datasets.save(new Dataset("wide", null, "team-a", Set.of(), null, NOW)).getId();
		String column = "{\"name\":\"" + "n".repeat(128) + "\",\"type\":\"" + "t".repeat(256)
				+ "\",\"nullable\":false}";
		String schema = "[" + String.join(",", java.util.Collections.nCopies(1000, column)) + "]";
		assertThat(schema).hasSize(423001);
		this.versions.save(id, 1, NOW, schema);
		assertThat(this.versions.schemaJson(id, 1)).isEqualTo(schema);
	}

	@Test
	void registerWhenSameProducerAndLocationConcurrentlyThenOneVersionAndEveryCallSeesIt() throws Exception {
		Long id = this.datasets.save(new Dataset("retried", null, "team-a", Set.of(), null, NOW)).getId();
		ExecutorService executor = Executors.newFixedThreadPool(4);
		List<VersionRepositoryAccess.Registered> outcomes = new ArrayList<>();
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<VersionRepositoryAccess.Registered>> futures = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				futures.add(executor.submit(() -> {
					start.await();
					return this.versions.register("retried", "file:/lake/datasets/retried/sync-9-0001", "sync-run:9");
				}));
			}
			start.countDown();
			for (Future<VersionRepositoryAccess.Registered> future : futures) {
				outcomes.add(future.get(60, TimeUnit.SECONDS));
			}
		}
		finally {
			executor.shutdownNow();
			assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(outcomes).extracting(VersionRepositoryAccess.Registered::number).containsOnly(1);
		assertThat(outcomes).filteredOn(VersionRepositoryAccess.Registered::created).hasSize(1);
		assertThat(this.versions.count(id)).isEqualTo(1);
		assertThat(this.datasets.findById(id).orElseThrow().getLastVersion()).isEqualTo(1);
	}

	@Test
	void registerWhenInputsThenEdgesStoredAndSurviveTheInputDatasetsDeletion() {
		Long raw = this.datasets.save(new Dataset("raw", null, "team-a", Set.of(), null, NOW)).getId();
		Long clean = this.datasets.save(new Dataset("clean", null, "team-a", Set.of(), null, NOW)).getId();
		this.versions.register("raw", "file:/lake/datasets/raw/v1", "sync-run:1");
		this.versions.register("clean", "file:/lake/datasets/clean/v1", "compute-job:7", "raw@1", "raw@1");
		long rawV1 = this.versions.id(raw, 1);
		assertThat(this.versions.inputs(clean, 1)).containsExactly("raw@1#" + rawV1);
		assertThat(this.versions.register("clean", "file:/lake/datasets/clean/v2", "compute-job:8", "clean@1"))
			.isEqualTo(new VersionRepositoryAccess.Registered(2, true));

		this.datasets.delete(this.datasets.findById(raw).orElseThrow());
		assertThat(this.versions.inputs(clean, 1)).as("the edge stays, without its target")
			.containsExactly("raw@1#null");
	}

	@Test
	void expireWhenCalledTwiceThenOnlyTheFirstCallExpires() {
		Long id = this.datasets.save(new Dataset("expiring", null, "team-a", Set.of(), null, NOW)).getId();
		this.versions.save(id, 1, NOW);
		assertThat(this.versions.expire(id, 1, NOW)).isTrue();
		assertThat(this.versions.expire(id, 1, NOW.plusSeconds(1))).isFalse();
		assertThat(this.jdbc.sql("select files_state from dataset_version where dataset_id = :id")
			.param("id", id)
			.query(String.class)
			.single()).isEqualTo("PENDING");
	}

	@Test
	void versionPagesWhenReadThenNewestFirstWithLimitAndOffset() {
		Long id = this.datasets.save(new Dataset("paged", null, "team-a", Set.of(), null, NOW)).getId();
		Long other = this.datasets.save(new Dataset("other", null, "team-a", Set.of(), null, NOW)).getId();
		for (int number = 1; number <= 5; number++) {
			this.versions.save(id, number, NOW.plusSeconds(number));
		}
		this.versions.save(other, 1, NOW);
		assertThat(this.versions.page(id, 2, 0)).containsExactly(5, 4);
		assertThat(this.versions.page(id, 2, 2)).containsExactly(3, 2);
		assertThat(this.versions.page(id, 2, 4)).containsExactly(1);
		assertThat(this.versions.page(id, 2, 6)).isEmpty();
		assertThat(this.versions.count(id)).isEqualTo(5);
		assertThat(this.versions.location(id, 3)).isEqualTo("file:/lake/v3");
		assertThat(this.versions.location(id, 6)).isNull();
	}

	@Test
	void deleteWhenDatasetHasTagsAndVersionsThenTheyAreDeletedWithIt() {
		Dataset doomed = this.datasets.save(new Dataset("doomed", null, "team-a", Set.of("a", "b"), null, NOW));
		Long survivor = this.datasets.save(new Dataset("survivor", null, "team-a", Set.of("a"), null, NOW)).getId();
		this.versions.save(doomed.getId(), 1, NOW);
		this.versions.save(doomed.getId(), 2, NOW);
		this.versions.save(survivor, 1, NOW);

		this.datasets.delete(this.datasets.findById(doomed.getId()).orElseThrow());

		assertThat(this.datasets.findByName("doomed")).isEmpty();
		assertThat(countRows("dataset_tag")).isEqualTo(1);
		assertThat(countRows("dataset_version")).isEqualTo(1);
		assertThat(this.versions.count(survivor)).isEqualTo(1);
		assertThat(this.datasets.findById(survivor).orElseThrow().getTags()).containsExactly("a");
	}

	@Test
	void deleteWhenRowRemovedInSqlThenDatabaseCascadesToTagsAndVersions() {
		Long id = this.datasets.save(new Dataset("raw", null, "team-a", Set.of("a", "b"), null, NOW)).getId();
		this.versions.save(id, 1, NOW);
		this.jdbc.sql("delete from dataset where id = :id").param("id", id).update();
		assertThat(countRows("dataset_tag")).isZero();
		assertThat(countRows("dataset_version")).isZero();
	}

	@Test
	void findWhenPrefixHasLikeWildcardsThenTheyMatchOnlyThemselves() {
		for (String name : List.of("a_", "a_b", "ab", "axb", "a%b", "abb", "a!b", "a!!")) {
			this.datasets.save(new Dataset(name, null, "team-a", Set.of(), null, NOW));
		}
		assertThat(names(filter("a_", null, null))).containsExactly("a_", "a_b");
		assertThat(names(filter("a%", null, null))).containsExactly("a%b");
		assertThat(names(filter("a!", null, null))).containsExactly("a!!", "a!b");
		assertThat(names(filter("a!!", null, null))).containsExactly("a!!");
		assertThat(names(filter("ab", null, null))).containsExactly("ab", "abb");
		assertThat(filter("a", null, null).totalItems()).isEqualTo(8);
		assertThat(filter("", null, null).totalItems()).as("an empty prefix filters nothing").isEqualTo(8);
	}

	@Test
	void findWhenFilteredByOwnerAndTagThenPagedInNameOrderWithTotals() {
		this.datasets.save(new Dataset("echo", null, "team-a", Set.of("gold"), null, NOW));
		this.datasets.save(new Dataset("delta", null, "team-a", Set.of("gold", "pii"), null, NOW));
		this.datasets.save(new Dataset("charlie", null, "team-b", Set.of("gold"), null, NOW));
		this.datasets.save(new Dataset("bravo", null, "team-a", Set.of(), null, NOW));
		this.datasets.save(new Dataset("alpha", null, "team-a", Set.of("gold"), null, NOW));

		assertThat(names(filter(null, "team-a", null))).containsExactly("alpha", "bravo", "delta", "echo");
		assertThat(names(filter(null, null, "gold"))).containsExactly("alpha", "charlie", "delta", "echo");
		assertThat(names(filter(null, "team-a", "gold"))).containsExactly("alpha", "delta", "echo");
		assertThat(names(filter(null, null, "pii"))).containsExactly("delta");
		assertThat(filter(null, "nobody", null).items()).isEmpty();

		PageResponse<Dataset> second = this.query.find(new DatasetQuery.DatasetFilter(null, "team-a", "gold"), ADMIN, 1,
				2);
		assertThat(names(second)).containsExactly("echo");
		assertThat(second.totalItems()).isEqualTo(3);
		assertThat(second.totalPages()).isEqualTo(2);
		assertThat(second.page()).isEqualTo(1);
		assertThat(second.size()).isEqualTo(2);
		PageResponse<Dataset> found = this.query.find(new DatasetQuery.DatasetFilter(null, null, "gold"), ADMIN, 0, 10);
		assertThat(found.items()).filteredOn((dataset) -> dataset.getName().equals("delta"))
			.singleElement()
			.satisfies((dataset) -> assertThat(dataset.getTags()).containsExactly("gold", "pii"));
	}

	@Test
	void saveWhenTimestampHasMicrosecondsThenTheyRoundTrip() {
		Instant precise = Instant.parse("2026-12-31T23:59:59.999999Z");
		this.datasets.save(new Dataset("precise", null, "team-a", Set.of(), null, precise));
		assertThat(this.datasets.findByName("precise").orElseThrow().getCreatedAt())
			.isEqualTo(precise.truncatedTo(ChronoUnit.MICROS));
	}

	private PageResponse<Dataset> filter(String prefix, String owner, String tag) {
		return this.query.find(new DatasetQuery.DatasetFilter(prefix, owner, tag), ADMIN, 0, 50);
	}

	private static List<String> names(PageResponse<Dataset> page) {
		return page.items().stream().map(Dataset::getName).toList();
	}

	private long countRows(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	@Test
	void listingShowsOnlyOwnedAndSharedDatasetsToOrdinaryUsers() {
		Dataset own = new Dataset("vis_own", null, "alice", java.util.Set.of(), null, java.time.Instant.now());
		Dataset shared = new Dataset("vis_shared", null, "bob", java.util.Set.of(), null, java.time.Instant.now());
		shared.addReader("alice");
		Dataset everyone = new Dataset("vis_everyone", null, "bob", java.util.Set.of(), null, java.time.Instant.now());
		everyone.addReader(DatasetAccess.EVERYONE);
		Dataset hidden = new Dataset("vis_hidden", null, "bob", java.util.Set.of(), null, java.time.Instant.now());
		hidden.addReader("carol");
		this.datasets.saveAll(java.util.List.of(own, shared, everyone, hidden));
		DatasetAccess.Caller alice = new DatasetAccess.Caller("alice", java.util.Set.of("ROLE_DATA_ENGINEER"));
		assertThat(this.query.find(new DatasetQuery.DatasetFilter("vis_", null, null), alice, 0, 50).items())
			.extracting(Dataset::getName)
			.containsExactly("vis_everyone", "vis_own", "vis_shared");
		assertThat(this.query.find(new DatasetQuery.DatasetFilter("vis_", null, null), ADMIN, 0, 50).totalItems())
			.isEqualTo(4);
	}

}
