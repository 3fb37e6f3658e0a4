package dev.corelake.auth.user;

import org.springframework.data.relational.core.mapping.Table;

/**
 * One role of a user.
 *
 * @param role the role
 * @author Corelake
 */
@Table("app_user_role")
record UserRole(Role role) {

}
