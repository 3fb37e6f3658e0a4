package dev.corelake.gateway.platform;

import java.util.List;
import java.util.Map;

import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.client.ProblemResponseErrorHandler;
import dev.corelake.errors.client.UpstreamErrors;
import dev.corelake.gateway.route.UpstreamProperties;
import dev.corelake.platform.security.ClientCredentialsTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.web.client.RestClient;

/**
 * Fetches a service's OpenAPI document ({@code /v3/api-docs}, which every service
 * publishes through the platform starter) with the gateway's own token, and points its
 * {@code servers} at the gateway, so that the explorer's calls go through the edge.
 *
 * @author Corelake
 */
class ApiDocsClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final UpstreamProperties upstreams;

	private final ClientCredentialsTokens tokens;

	private final RestClient client;

	ApiDocsClient(UpstreamProperties upstreams, PlatformProperties properties, ClientCredentialsTokens tokens) {
		this.upstreams = upstreams;
		this.tokens = tokens;
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withConnectTimeout(properties.apiDocsTimeout())
			.withReadTimeout(properties.apiDocsTimeout());
		this.client = RestClient.builder()
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(settings))
			.build();
	}

	String fetch(String service, String gatewayUrl) {
		UpstreamProperties.Upstream upstream = this.upstreams.services().get(service);
		if (upstream == null || !upstream.apiDocs()) {
			throw new CorelakeException(CommonErrorCode.NOT_FOUND,
					"No service named '" + service + "' publishes API documentation through the gateway.");
		}
		String body;
		try {
			body = this.client.get()
				.uri(upstream.url().resolve("/v3/api-docs"))
				.headers((headers) -> this.tokens.token().ifPresent(headers::setBearerAuth))
				.retrieve()
				.onStatus(new ProblemResponseErrorHandler(service))
				.body(String.class);
		}
		catch (CorelakeException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw UpstreamErrors.fromFailure(service, ex);
		}
		return withServer(service, body, gatewayUrl);
	}

	private static String withServer(String service, String body, String gatewayUrl) {
		JsonNode document;
		try {
			document = JSON.readTree((body != null) ? body : "");
		}
		catch (RuntimeException ex) {
			throw new CorelakeException(CommonErrorCode.UPSTREAM_BAD_RESPONSE,
					service + " answered an API document that is not JSON.", ex)
				.with("upstream", Map.of("service", service));
		}
		if (!(document instanceof ObjectNode object)) {
			throw new CorelakeException(CommonErrorCode.UPSTREAM_BAD_RESPONSE,
					service + " answered an API document that is not a JSON object.")
				.with("upstream", Map.of("service", service));
		}
		object.set("servers", JSON.valueToTree(List.of(Map.of("url", gatewayUrl, "description", "gateway"))));
		return JSON.writeValueAsString(object);
	}

}
