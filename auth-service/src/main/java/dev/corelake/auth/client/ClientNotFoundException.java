package dev.corelake.auth.client;

import dev.corelake.auth.system.AuthErrorCode;
import dev.corelake.errors.CorelakeException;

/**
 * No API client has the requested client id.
 *
 * @author Corelake
 */
class ClientNotFoundException extends CorelakeException {

	private ClientNotFoundException(String clientId) {
		super(AuthErrorCode.CLIENT_NOT_FOUND, "API client '" + clientId + "' does not exist.");
	}

	static ClientNotFoundException named(String clientId) {
		return new ClientNotFoundException(clientId);
	}

}
