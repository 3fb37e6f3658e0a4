package dev.corelake.catalog.version;

import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationContext;

/**
 * Opens the package-private {@link DatasetVersionRepository} to the persistence tests of
 * the dataset package, so that one set of tests covers both features on every database.
 *
 * @author Corelake
 */
public final class VersionRepositoryAccess {

	private final DatasetVersionRepository versions;

	/**
	 * Takes the repository from a running context.
	 * @param context the context
	 */
	public VersionRepositoryAccess(ApplicationContext context) {
		this.versions = context.getBean(DatasetVersionRepository.class);
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
				10L * number, 100L * number, "test", createdAt));
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
	 * Counts a dataset's versions.
	 * @param datasetId the dataset
	 * @return how many it has
	 */
	public long count(long datasetId) {
		return this.versions.countByDatasetId(datasetId);
	}

}
