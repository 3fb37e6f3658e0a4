package dev.corelake.catalog.version;

import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens the package-private {@link DatasetVersionRepository} to the persistence tests of
 * the dataset package, so that one set of tests covers both features on every database.
 *
 * @author Corelake
 */
public final class VersionRepositoryAccess {

	private final DatasetVersionRepository versions;

	private final DatasetVersionService service;

	private final TransactionTemplate transaction;

	/**
	 * Takes the repository from a running context.
	 * @param context the context
	 */
	public VersionRepositoryAccess(ApplicationContext context) {
		this.versions = context.getBean(DatasetVersionRepository.class);
		this.service = context.getBean(DatasetVersionService.class);
		this.transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
	}

	/**
	 * Runs {@link DatasetVersionRepository#incrementLastVersion(Long)}.
	 * @param datasetId the dataset
	 * @return rows updated
	 */
	public int incrementLastVersion(long datasetId) {
		return this.versions.incrementLastVersion(datasetId);
	}

	/**
	 * Runs {@link DatasetVersionRepository#lastVersion(Long)}.
	 * @param datasetId the dataset
	 * @return the last version number taken
	 */
	public int lastVersion(long datasetId) {
		return this.versions.lastVersion(datasetId);
	}

	/**
	 * Stores a version.
	 * @param datasetId the dataset
	 * @param number its number
	 * @param createdAt registration time
	 */
	public void save(long datasetId, int number, Instant createdAt) {
		save(datasetId, number, createdAt, "[{\"name\":\"id\",\"type\":\"bigint\",\"nullable\":false}]");
	}

	/**
	 * Stores a version with the given schema.
	 * @param datasetId the dataset
	 * @param number its number
	 * @param createdAt registration time
	 * @param schemaJson its schema, as JSON
	 */
	public void save(long datasetId, int number, Instant createdAt, String schemaJson) {
		this.versions.save(new DatasetVersion(null, datasetId, number, "file:/lake/v" + number, "PARQUET", schemaJson,
				10L * number, 100L * number, "test", createdAt, null, null, null, null, null, null));
	}

	/**
	 * Reads a version's stored schema.
	 * @param datasetId the dataset
	 * @param number the number
	 * @return the schema JSON, or {@code null} when there is no such version
	 */
	public String schemaJson(long datasetId, int number) {
		return this.versions.findByDatasetIdAndNumber(datasetId, number).map(DatasetVersion::schemaJson).orElse(null);
	}

	/**
	 * Numbers of one page of versions, newest first.
	 * @param datasetId the dataset
	 * @param limit page size
	 * @param offset rows to skip
	 * @return the numbers
	 */
	public List<Integer> page(long datasetId, int limit, long offset) {
		return this.versions.findPage(datasetId, limit, offset).stream().map(DatasetVersion::number).toList();
	}

	/**
	 * Numbers of all versions, newest first.
	 * @param datasetId the dataset
	 * @return the numbers
	 */
	public List<Integer> allNewestFirst(long datasetId) {
		return this.versions.findAllNewestFirst(datasetId).stream().map(DatasetVersion::number).toList();
	}

	/**
	 * Looks a version up by number.
	 * @param datasetId the dataset
	 * @param number the number
	 * @return its location, or {@code null} when there is none
	 */
	public String location(long datasetId, int number) {
		return this.versions.findByDatasetIdAndNumber(datasetId, number).map(DatasetVersion::location).orElse(null);
	}

	/**
	 * Registers a version through the service, as an administrator would.
	 * @param dataset the dataset name
	 * @param location its location
	 * @param producedBy its producer
	 * @param inputs its inputs as {@code dataset@number}
	 * @return the number and whether this call created it
	 */
	public Registered register(String dataset, String location, String producedBy, String... inputs) {
		List<InputRef> refs = java.util.Arrays.stream(inputs)
			.map((input) -> new InputRef(input.substring(0, input.indexOf('@')),
					Integer.valueOf(input.substring(input.indexOf('@') + 1))))
			.toList();
		Registration registration = this.service.register(dataset,
				new NewVersion(location, VersionFormat.PARQUET, List.of(new SchemaField("id", "bigint", false)), 1L, 1L,
						producedBy, refs, new VersionSource("jdbc", "pg-main", "public.orders")));
		return new Registered(registration.version().version(), registration.created());
	}

	/**
	 * Expires a version.
	 * @param datasetId the dataset
	 * @param number the number
	 * @param now the time
	 * @return whether this call expired it
	 */
	public boolean expire(long datasetId, int number, Instant now) {
		long id = this.versions.findByDatasetIdAndNumber(datasetId, number).orElseThrow().id();
		return this.transaction.execute((status) -> this.versions.expire(id, now)) == 1;
	}

	/**
	 * The inputs stored for a version, as {@code dataset@number} with the input's id or
	 * {@code null}.
	 * @param datasetId the dataset
	 * @param number the number
	 * @return the inputs
	 */
	public List<String> inputs(long datasetId, int number) {
		return this.versions.findByDatasetIdAndNumber(datasetId, number)
			.orElseThrow()
			.inputs()
			.stream()
			.map((input) -> input.inputDataset() + "@" + input.inputNumber() + "#" + input.inputVersionId())
			.sorted()
			.toList();
	}

	/**
	 * A version's database id.
	 * @param datasetId the dataset
	 * @param number the number
	 * @return the id
	 */
	public long id(long datasetId, int number) {
		return this.versions.findByDatasetIdAndNumber(datasetId, number).orElseThrow().id();
	}

	/**
	 * The outcome of {@link #register}.
	 *
	 * @param number the version number
	 * @param created whether the call created it
	 */
	public record Registered(int number, boolean created) {

	}

	/**
	 * Counts a dataset's versions.
	 * @param datasetId the dataset
	 * @return how many it has
	 */
	public long count(long datasetId) {
		return this.versions.countByDatasetId(datasetId);
	}

}
