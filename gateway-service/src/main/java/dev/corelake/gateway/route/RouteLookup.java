package dev.corelake.gateway.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which upstream a path is routed to, by the same patterns as the routes: for the parts
 * of the edge that run before routing (rate limits).
 *
 * @author Corelake
 */
public class RouteLookup {

	private final List<Entry> entries = new ArrayList<>();

	/**
	 * Creates the lookup.
	 * @param properties the upstream services and their paths
	 */
	public RouteLookup(UpstreamProperties properties) {
		for (Map.Entry<String, UpstreamProperties.Upstream> service : properties.services().entrySet()) {
			for (String path : service.getValue().paths()) {
				this.entries.add(
						new Entry(PathPatternParser.defaultInstance.parse(path), service.getKey(), service.getValue()));
			}
		}
	}

	/**
	 * The service a path is routed to.
	 * @param path the request path (canonical)
	 * @return the service's name and settings, or {@code null} when no route matches
	 */
	public Map.Entry<String, UpstreamProperties.Upstream> find(String path) {
		PathContainer container = PathContainer.parsePath(path);
		for (Entry entry : this.entries) {
			if (entry.pattern().matches(container)) {
				return Map.entry(entry.service(), entry.upstream());
			}
		}
		return null;
	}

	private record Entry(PathPattern pattern, String service, UpstreamProperties.Upstream upstream) {
	}

}
