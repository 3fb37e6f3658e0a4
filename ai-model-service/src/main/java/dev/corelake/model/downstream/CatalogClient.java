package dev.corelake.model.downstream;

import dev.corelake.platform.downstream.DownstreamClients;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * ai-model-service's view of catalog-service: the lineage of a model version (the catalog
 * dataset {@code model-<name>}), read with the caller's token.
 *
 * @author Corelake
 */
@Component
public class CatalogClient {

	/** The downstream service name (client, breaker, retry and bulkhead instances). */
	public static final String SERVICE = "catalog-service";

	private final DownstreamClients clients;

	CatalogClient(DownstreamClients clients) {
		this.clients = clients;
	}

	/**
	 * The catalog's lineage graph of a dataset version.
	 * @param dataset the dataset
	 * @param version the version
	 * @param direction {@code upstream}, {@code downstream} or {@code both}
	 * @param depth hops
	 * @return the graph, as the catalog answers it
	 */
	public JsonNode lineage(String dataset, int version, String direction, int depth) {
		return this.clients.forService(SERVICE)
			.get()
			.uri("/api/v1/datasets/{name}/lineage?version={version}&direction={direction}&depth={depth}", dataset,
					version, direction, depth)
			.retrieve()
			.body(JsonNode.class);
	}

}
