package dev.corelake.catalog.version;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/**
 * Stores dataset versions.
 *
 * @author Corelake
 */
interface DatasetVersionRepository extends ListCrudRepository<DatasetVersion, Long> {

	Optional<DatasetVersion> findByDatasetIdAndNumber(Long datasetId, int number);

	@Query("select * from dataset_version where dataset_id = :datasetId order by number desc limit :limit offset :offset")
	List<DatasetVersion> findPage(Long datasetId, int limit, long offset);

	@Query("select * from dataset_version where dataset_id = :datasetId order by number desc")
	List<DatasetVersion> findAllNewestFirst(Long datasetId);

	long countByDatasetId(Long datasetId);

	/**
	 * Takes the next version number of a dataset. The update locks the dataset's row
	 * until the transaction ends, so concurrent registrations are numbered one after the
	 * other.
	 * @param datasetId the dataset
	 * @return the number of rows updated (1 when the dataset exists)
	 */
	@Modifying
	@Query("update dataset set last_version = last_version + 1 where id = :datasetId")
	int incrementLastVersion(Long datasetId);

	@Query("select last_version from dataset where id = :datasetId")
	int lastVersion(Long datasetId);

}
