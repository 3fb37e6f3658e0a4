package dev.corelake.catalog.lineage;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The lineage of a dataset as the API shows it.
 *
 * @param dataset the dataset asked about
 * @param direction {@code upstream}, {@code downstream} or {@code both}
 * @param depth how many version-to-version hops were followed
 * @param nodes versions, producers, sources and hidden versions
 * @param edges directed edges, from origin to result
 * @param truncated whether the graph was cut at its size limit
 * @author Corelake
 */
record LineageGraph(String dataset, String direction, int depth, List<Node> nodes, List<Edge> edges,
		boolean truncated) {

	/**
	 * A node. {@code kind} says which members are set: {@code version} (dataset, version,
	 * producedBy, createdAt, expired), {@code producer} (name: {@code sync-run:12} …),
	 * {@code source} (sourceKind, name, detail) or {@code hidden} (nothing: a version of
	 * a dataset the caller may not read, or of a deleted one).
	 *
	 * @param id unique within this graph
	 * @param kind the kind
	 * @param dataset dataset name of a version
	 * @param version version number
	 * @param producedBy producer of a version
	 * @param createdAt registration time of a version
	 * @param expired whether retention expired a version
	 * @param name producer or source name
	 * @param sourceKind {@code jdbc}, {@code csv}, {@code jsonl} or {@code url}
	 * @param detail what was read from a source
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Node(String id, String kind, String dataset, Integer version, String producedBy, Instant createdAt,
			Boolean expired, String name, String sourceKind, String detail) {

	}

	/**
	 * An edge: {@code input} (input version to the producer, or straight to the version
	 * when it names no producer), {@code produced} (producer to version) or {@code read}
	 * (source to producer or version).
	 *
	 * @param from origin node id
	 * @param to result node id
	 * @param kind the kind
	 */
	record Edge(String from, String to, String kind) {

	}

}
