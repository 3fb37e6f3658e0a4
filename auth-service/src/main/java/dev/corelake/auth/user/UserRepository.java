package dev.corelake.auth.user;

import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

/**
 * Stores users.
 *
 * @author Corelake
 */
interface UserRepository extends ListCrudRepository<User, Long>, ListPagingAndSortingRepository<User, Long> {

	Optional<User> findByUsername(String username);

	/**
	 * How many enabled users hold the ADMIN role.
	 * @return the count
	 */
	@Query("select count(*) from app_user u join app_user_role r on r.user_id = u.id"
			+ " where r.role = 'ADMIN' and u.enabled = true")
	long countEnabledAdmins();

}
