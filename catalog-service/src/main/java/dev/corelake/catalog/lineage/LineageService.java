package dev.corelake.catalog.lineage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.corelake.catalog.dataset.Dataset;
import dev.corelake.catalog.dataset.DatasetAccess;
import dev.corelake.catalog.dataset.DatasetService;
import dev.corelake.catalog.lineage.LineageGraph.Edge;
import dev.corelake.catalog.lineage.LineageGraph.Node;
import dev.corelake.catalog.version.VersionGraph;
import dev.corelake.catalog.system.CatalogErrorCode;
import dev.corelake.catalog.version.VersionSource;
import dev.corelake.errors.CorelakeException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Walks the lineage graph from a dataset's versions, upstream through their inputs and
 * downstream through the versions that name them as inputs, one version-to-version hop
 * per level of depth.
 * <p>
 * Visibility rule: a version of a dataset the caller may not read (or of a deleted
 * dataset) appears as a {@code hidden} node with no name, number, producer or source, and
 * the walk does not go past it, so nothing about it or beyond it leaks; the edge to it
 * stays, so the caller knows that something is there.
 *
 * @author Corelake
 */
@Service
class LineageService {

	static final int MAX_DEPTH = 10;

	/** Most nodes one answer holds; larger graphs are cut and marked truncated. */
	static final int MAX_NODES = 1000;

	/** Most versions of the asked dataset the walk starts from (the newest). */
	static final int MAX_START_VERSIONS = 200;

	private final DatasetService datasets;

	private final DatasetAccess access;

	private final VersionGraph versions;

	LineageService(DatasetService datasets, DatasetAccess access, VersionGraph versions) {
		this.datasets = datasets;
		this.access = access;
		this.versions = versions;
	}

	@Transactional(readOnly = true)
	LineageGraph lineage(String name, String direction, int depth, Integer version) {
		Dataset dataset = this.datasets.get(name);
		List<VersionGraph.Node> start = this.versions.versionsOf(dataset.getId());
		if (version != null) {
			start = start.stream().filter((node) -> node.number() == version).toList();
			if (start.isEmpty()) {
				throw new CorelakeException(CatalogErrorCode.DATASET_VERSION_NOT_FOUND,
						"Dataset '" + name + "' has no version " + version + ".");
			}
		}
		Walk walk = new Walk();
		walk.truncated = start.size() > MAX_START_VERSIONS;
		start = start.subList(0, Math.min(start.size(), MAX_START_VERSIONS));
		walk.rememberDataset(dataset);
		start.forEach(walk::addVersion);
		if (!direction.equals("downstream")) {
			walk.upstream(start, depth);
		}
		if (!direction.equals("upstream")) {
			walk.downstream(start, depth);
		}
		return new LineageGraph(name, direction, depth, new ArrayList<>(walk.nodes.values()),
				new ArrayList<>(walk.edges), walk.truncated);
	}

	/** One walk: the nodes and edges found so far. */
	private final class Walk {

		private final Map<String, Node> nodes = new LinkedHashMap<>();

		private final Set<Edge> edges = new LinkedHashSet<>();

		private final Map<Long, Dataset> datasetsById = new HashMap<>();

		private final Map<Long, String> hiddenIds = new HashMap<>();

		private boolean truncated;

		void rememberDataset(Dataset dataset) {
			this.datasetsById.put(dataset.getId(), dataset);
		}

		void upstream(List<VersionGraph.Node> start, int depth) {
			Set<Long> seen = start.stream().map(VersionGraph.Node::id).collect(Collectors.toCollection(HashSet::new));
			List<VersionGraph.Node> frontier = start;
			for (int level = 0; level < depth && !frontier.isEmpty() && !this.truncated; level++) {
				Set<Long> inputIds = new LinkedHashSet<>();
				frontier.forEach((node) -> node.inputs()
					.stream()
					.filter((input) -> input.versionId() != null)
					.forEach((input) -> inputIds.add(input.versionId())));
				List<VersionGraph.Node> found = LineageService.this.versions.byIds(inputIds);
				loadDatasets(found);
				Map<Long, VersionGraph.Node> inputs = byId(found);
				List<VersionGraph.Node> next = new ArrayList<>();
				for (VersionGraph.Node node : frontier) {
					String target = attachPoint(node);
					for (VersionGraph.Input input : node.inputs()) {
						VersionGraph.Node source = (input.versionId() != null) ? inputs.get(input.versionId()) : null;
						String from = (source != null) ? addVersion(source) : hidden(input.versionId());
						if (from == null) {
							return;
						}
						this.edges.add(new Edge(from, target, "input"));
						if (source != null && isVisible(source) && seen.add(source.id())) {
							next.add(source);
						}
					}
				}
				frontier = next;
			}
		}

		void downstream(List<VersionGraph.Node> start, int depth) {
			Set<Long> seen = start.stream().map(VersionGraph.Node::id).collect(Collectors.toCollection(HashSet::new));
			List<VersionGraph.Node> frontier = start;
			for (int level = 0; level < depth && !frontier.isEmpty() && !this.truncated; level++) {
				Map<Long, VersionGraph.Node> current = byId(frontier);
				List<VersionGraph.Node> consumers = LineageService.this.versions.consumersOf(current.keySet());
				loadDatasets(consumers);
				List<VersionGraph.Node> next = new ArrayList<>();
				for (VersionGraph.Node consumer : consumers) {
					String to = addVersion(consumer);
					if (to == null) {
						return;
					}
					String target = isVisible(consumer) ? attachPoint(consumer) : to;
					for (VersionGraph.Input input : consumer.inputs()) {
						if (input.versionId() != null && current.containsKey(input.versionId())) {
							this.edges.add(new Edge(versionId(current.get(input.versionId())), target, "input"));
						}
					}
					if (isVisible(consumer) && seen.add(consumer.id())) {
						next.add(consumer);
					}
				}
				frontier = next;
			}
		}

		/**
		 * Adds a version (with its producer and source when visible).
		 * @return its node id, or {@code null} when the graph is full
		 */
		String addVersion(VersionGraph.Node version) {
			loadDatasets(List.of(version));
			if (!isVisible(version)) {
				return hidden(version.id());
			}
			String id = versionId(version);
			if (this.nodes.containsKey(id)) {
				return id;
			}
			if (!room(3)) {
				return null;
			}
			Dataset dataset = this.datasetsById.get(version.datasetId());
			this.nodes.put(id, new Node(id, "version", dataset.getName(), version.number(), version.producedBy(),
					version.createdAt(), version.expiredAt() != null, null, null, null));
			String target = id;
			if (version.producedBy() != null) {
				String producer = "producer:" + version.producedBy();
				this.nodes.putIfAbsent(producer,
						new Node(producer, "producer", null, null, null, null, null, version.producedBy(), null, null));
				this.edges.add(new Edge(producer, id, "produced"));
				target = producer;
			}
			VersionSource source = version.source();
			if (source != null) {
				String sourceId = "source:" + source.kind() + ":" + source.name()
						+ ((source.detail() != null) ? ":" + source.detail() : "");
				this.nodes.putIfAbsent(sourceId, new Node(sourceId, "source", null, null, null, null, null,
						source.name(), source.kind(), source.detail()));
				this.edges.add(new Edge(sourceId, target, "read"));
			}
			return id;
		}

		private String attachPoint(VersionGraph.Node version) {
			return (version.producedBy() != null) ? "producer:" + version.producedBy() : versionId(version);
		}

		private String versionId(VersionGraph.Node version) {
			return "version:" + this.datasetsById.get(version.datasetId()).getName() + "@" + version.number();
		}

		/**
		 * A hidden node per hidden version (or per deleted input, when the id is null).
		 */
		private String hidden(Long versionId) {
			String existing = (versionId != null) ? this.hiddenIds.get(versionId) : null;
			if (existing != null) {
				return existing;
			}
			if (!room(1)) {
				return null;
			}
			String id = "hidden:" + (this.hiddenIds.size() + 1);
			this.hiddenIds.put((versionId != null) ? versionId : -1L - this.hiddenIds.size(), id);
			this.nodes.put(id, new Node(id, "hidden", null, null, null, null, null, null, null, null));
			return id;
		}

		private boolean room(int needed) {
			if (this.nodes.size() + needed > MAX_NODES) {
				this.truncated = true;
				return false;
			}
			return true;
		}

		private boolean isVisible(VersionGraph.Node version) {
			Dataset dataset = this.datasetsById.get(version.datasetId());
			return dataset != null && LineageService.this.access.canRead(dataset);
		}

		private void loadDatasets(List<VersionGraph.Node> versions) {
			Set<Long> missing = versions.stream()
				.map(VersionGraph.Node::datasetId)
				.filter((id) -> !this.datasetsById.containsKey(id))
				.collect(Collectors.toSet());
			if (!missing.isEmpty()) {
				this.datasetsById.putAll(LineageService.this.datasets.byIds(missing));
			}
		}

		private Map<Long, VersionGraph.Node> byId(List<VersionGraph.Node> versions) {
			Map<Long, VersionGraph.Node> map = new LinkedHashMap<>();
			versions.forEach((node) -> map.put(node.id(), node));
			return map;
		}

	}

}
