package dev.corelake.catalog.version;

import java.time.Instant;
import java.util.Collection;
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

	/**
	 * Locks the dataset's row until the transaction ends, so that concurrent
	 * registrations of the same producer see each other.
	 * @param datasetId the dataset
	 * @return the id, or {@code null} when the dataset is gone
	 */
	@Query("select id from dataset where id = :datasetId for update")
	Long lockDataset(Long datasetId);

	/**
	 * Versions of a dataset with this producer or this location, oldest first.
	 * @param datasetId the dataset
	 * @param producedBy the producer ({@code null} matches none)
	 * @param location the location
	 * @return the matching versions
	 */
	@Query("select * from dataset_version where dataset_id = :datasetId and (produced_by = :producedBy or location = :location) order by number")
	List<DatasetVersion> findByProducerOrLocation(Long datasetId, String producedBy, String location);

	@Query("select * from dataset_version where id in (:ids)")
	List<DatasetVersion> findByIds(Collection<Long> ids);

	@Query("select v.* from dataset_version v join dataset_version_input i on i.version_id = v.id where i.input_version_id in (:inputIds)")
	List<DatasetVersion> findConsumersOf(Collection<Long> inputIds);

	@Query("select location from dataset_version where expired_at is null")
	List<String> findLiveLocations();

	@Query("select count(*) from dataset_version where location = :location and expired_at is null")
	long countLiveAt(String location);

	@Query("select * from dataset_version where expired_at is not null and files_state = 'PENDING' order by id")
	List<DatasetVersion> findFilesPending();

	/**
	 * Expires a live version; a version already expired is left as it is.
	 * @param id the version
	 * @param now the time
	 * @return 1 when this call expired it
	 */
	@Modifying
	@Query("update dataset_version set expired_at = :now, files_state = 'PENDING' where id = :id and expired_at is null")
	int expire(Long id, Instant now);

	@Modifying
	@Query("update dataset_version set files_state = :state where id = :id")
	int filesState(Long id, String state);

}
