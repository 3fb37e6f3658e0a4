package dev.corelake.catalog.dataset;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/**
 * Stores datasets.
 *
 * @author Corelake
 */
public interface DatasetRepository extends ListCrudRepository<Dataset, Long> {

	/**
	 * Finds a dataset by its unique name.
	 * @param name the name
	 * @return the dataset
	 */
	Optional<Dataset> findByName(String name);

	/**
	 * Whether the name is taken.
	 * @param name the name
	 * @return {@code true} when a dataset has it
	 */
	boolean existsByName(String name);

	/**
	 * Every dataset with a retention limit.
	 * @return the datasets
	 */
	@Query("select * from dataset where retention_days is not null or retention_keep_last is not null order by name")
	List<Dataset> findWithRetention();

}
