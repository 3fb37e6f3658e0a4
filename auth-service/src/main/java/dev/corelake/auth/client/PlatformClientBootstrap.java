package dev.corelake.auth.client;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.corelake.auth.system.AuthProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Creates the API client the platform's own services use for background work (a
 * client-credentials token), when its secret is configured:
 * {@code corelake.auth.platform-client.secret} or
 * {@code CORELAKE_PLATFORM_CLIENT_SECRET}, the same Kubernetes Secret mounted into every
 * service. A changed secret is taken over at the next start, so rotating the Secret
 * rotates the client. Without a secret nothing is created.
 *
 * @author Corelake
 */
@Component
class PlatformClientBootstrap implements SmartInitializingSingleton {

	static final String ENVIRONMENT_VARIABLE = "CORELAKE_PLATFORM_CLIENT_SECRET";

	static final int MIN_SECRET_LENGTH = 32;

	private static final Log log = LogFactory.getLog(PlatformClientBootstrap.class);

	private final ApiClientService clients;

	private final AuthProperties.PlatformClient settings;

	private final Environment environment;

	PlatformClientBootstrap(ApiClientService clients, AuthProperties properties, Environment environment) {
		this.clients = clients;
		this.settings = properties.platformClient();
		this.environment = environment;
	}

	@Override
	public void afterSingletonsInstantiated() {
		String secret = this.settings.secret();
		if (secret == null || secret.isEmpty()) {
			secret = this.environment.getProperty(ENVIRONMENT_VARIABLE);
		}
		if (secret == null || secret.isEmpty()) {
			return;
		}
		if (secret.length() < MIN_SECRET_LENGTH) {
			throw new IllegalStateException(
					ENVIRONMENT_VARIABLE + " (corelake.auth.platform-client.secret) must have at " + "least "
							+ MIN_SECRET_LENGTH + " characters, e.g. from 'openssl rand -base64 32'.");
		}
		Set<String> scopes = new LinkedHashSet<>(this.settings.scopes());
		if (this.clients.ensure(this.settings.clientId(), secret, scopes)) {
			log.info("API client '" + this.settings.clientId() + "' set up with scopes " + scopes
					+ " and the configured secret");
		}
	}

}
