package dev.corelake.auth.client;

import org.springframework.data.relational.core.mapping.Table;

/**
 * One scope granted to an API client.
 *
 * @param scope the scope
 * @author Corelake
 */
@Table("api_client_scope")
record ApiClientScope(String scope) {

}
