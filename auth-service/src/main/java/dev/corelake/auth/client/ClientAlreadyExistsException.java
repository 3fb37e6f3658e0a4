package dev.corelake.auth.client;

import dev.corelake.auth.system.AuthErrorCode;
import dev.corelake.errors.CorelakeException;

/**
 * A user or API client already has the client id.
 *
 * @author Corelake
 */
class ClientAlreadyExistsException extends CorelakeException {

	private ClientAlreadyExistsException(String clientId) {
		super(AuthErrorCode.CLIENT_ALREADY_EXISTS, "The name '" + clientId + "' is taken by a user or API client.");
	}

	static ClientAlreadyExistsException named(String clientId) {
		return new ClientAlreadyExistsException(clientId);
	}

}
