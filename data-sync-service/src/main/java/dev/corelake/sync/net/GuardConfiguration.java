package dev.corelake.sync.net;

import dev.corelake.sync.system.SourcePolicyProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The guards, built from {@code corelake.sync.sources.*}.
 *
 * @author Corelake
 */
@Configuration(proxyBeanMethods = false)
class GuardConfiguration {

	@Bean
	FileGuard fileGuard(SourcePolicyProperties properties) {
		return new FileGuard(properties.files().allowedDirs());
	}

	@Bean
	UrlFetcher urlFetcher(SourcePolicyProperties properties) {
		return new UrlFetcher(properties.url());
	}

	@Bean
	JdbcGuard jdbcGuard(SourcePolicyProperties properties) {
		return new JdbcGuard(properties.jdbc());
	}

}
