package dev.corelake.gateway.platform;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.corelake.gateway.route.UpstreamProperties;
import dev.corelake.platform.security.ClientCredentialsTokens;
import org.springdoc.core.properties.AbstractSwaggerUiConfigProperties.SwaggerUrl;
import org.springdoc.core.properties.SwaggerUiConfigProperties;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;

/**
 * The platform views: health probes and the API explorer listing the gateway's own
 * document and every service's.
 *
 * @author Corelake
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PlatformProperties.class)
class PlatformConfiguration {

	@Bean
	ServiceHealthProbe serviceHealthProbe(UpstreamProperties upstreams, PlatformProperties properties,
			@Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor) {
		return new ServiceHealthProbe(upstreams, properties, executor, Clock.systemUTC());
	}

	@Bean
	ApiDocsClient apiDocsClient(UpstreamProperties upstreams, PlatformProperties properties,
			ClientCredentialsTokens tokens) {
		return new ApiDocsClient(upstreams, properties, tokens);
	}

	@Bean
	SmartInitializingSingleton apiExplorerServices(SwaggerUiConfigProperties swaggerUi, UpstreamProperties upstreams) {
		return () -> {
			Set<SwaggerUrl> urls = new LinkedHashSet<>();
			urls.add(new SwaggerUrl("gateway-service", "/v3/api-docs", "gateway-service"));
			for (Map.Entry<String, UpstreamProperties.Upstream> service : upstreams.services().entrySet()) {
				if (service.getValue().apiDocs()) {
					urls.add(new SwaggerUrl(service.getKey(), "/api/v1/platform/api-docs/" + service.getKey(),
							service.getKey()));
				}
			}
			swaggerUi.setUrls(urls);
		};
	}

}
