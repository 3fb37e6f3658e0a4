package dev.corelake.gateway.platform;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.corelake.errors.CorelakeException;
import dev.corelake.errors.client.UpstreamErrors;
import dev.corelake.gateway.route.UpstreamProperties;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.web.client.RestClient;

/**
 * Reads every service's readiness probe at once, each with a short timeout, and times it.
 *
 * @author Corelake
 */
class ServiceHealthProbe {

	private final UpstreamProperties upstreams;

	private final RestClient client;

	private final Executor executor;

	private final Clock clock;

	ServiceHealthProbe(UpstreamProperties upstreams, PlatformProperties properties, Executor executor, Clock clock) {
		this.upstreams = upstreams;
		this.executor = executor;
		this.clock = clock;
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withConnectTimeout(properties.healthTimeout())
			.withReadTimeout(properties.healthTimeout());
		this.client = RestClient.builder()
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(settings))
			.build();
	}

	PlatformHealth check() {
		List<CompletableFuture<PlatformHealth.ServiceHealth>> probes = new ArrayList<>();
		for (Map.Entry<String, UpstreamProperties.Upstream> service : this.upstreams.services().entrySet()) {
			URI healthUrl = service.getValue().healthUrl();
			if (healthUrl != null) {
				probes.add(CompletableFuture.supplyAsync(() -> probe(service.getKey(), healthUrl), this.executor));
			}
		}
		return PlatformHealth.of(this.clock.instant(), probes.stream().map(CompletableFuture::join).toList());
	}

	private PlatformHealth.ServiceHealth probe(String name, URI healthUrl) {
		long start = System.nanoTime();
		try {
			int status = this.client.get()
				.uri(healthUrl)
				.exchange((request, response) -> response.getStatusCode().value(), true);
			long millis = (System.nanoTime() - start) / 1_000_000;
			return (status >= 200 && status < 300)
					? new PlatformHealth.ServiceHealth(name, PlatformHealth.UP, millis, null)
					: new PlatformHealth.ServiceHealth(name, PlatformHealth.DOWN, millis,
							"Its readiness probe answered " + status + ".");
		}
		catch (RuntimeException ex) {
			long millis = (System.nanoTime() - start) / 1_000_000;
			CorelakeException mapped = UpstreamErrors.fromFailure(name, ex);
			return new PlatformHealth.ServiceHealth(name, PlatformHealth.DOWN, millis, mapped.getBody().getDetail());
		}
	}

}
