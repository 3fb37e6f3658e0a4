package dev.corelake.config.secret;

import dev.corelake.config.system.ConfigServiceProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Provides the {@link SecretCipher} from the configured key file.
 *
 * @author Corelake
 */
@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

	@Bean
	SecretCipher secretCipher(ConfigServiceProperties properties, Environment environment) {
		boolean production = environment.acceptsProfiles(Profiles.of("prod"));
		return new SecretCipher(SecretKeyFile.load(properties.secrets().keyFile(), !production));
	}

}
