package dev.corelake.auth.client;

import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

/**
 * Stores API clients.
 *
 * @author Corelake
 */
interface ApiClientRepository
		extends ListCrudRepository<ApiClient, Long>, ListPagingAndSortingRepository<ApiClient, Long> {

	Optional<ApiClient> findByClientId(String clientId);

}
