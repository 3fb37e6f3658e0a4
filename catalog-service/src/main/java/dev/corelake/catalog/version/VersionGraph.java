package dev.corelake.catalog.version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read access to versions and their lineage edges for the other features (lineage graph,
 * orphan sweeper), without exposing the repository. It checks no caller: its users decide
 * what the caller may see.
 *
 * @author Corelake
 */
@Component
public class VersionGraph {

	private static final int CHUNK = 500;

	private final DatasetVersionRepository versions;

	VersionGraph(DatasetVersionRepository versions) {
		this.versions = versions;
	}

	/**
	 * Every version of a dataset, newest first.
	 * @param datasetId the dataset
	 * @return the versions
	 */
	@Transactional(readOnly = true)
	public List<Node> versionsOf(long datasetId) {
		return this.versions.findAllNewestFirst(datasetId).stream().map(VersionGraph::node).toList();
	}

	/**
	 * Versions by id.
	 * @param ids the ids
	 * @return the versions found
	 */
	@Transactional(readOnly = true)
	public List<Node> byIds(Collection<Long> ids) {
		return chunked(ids, this.versions::findByIds);
	}

	/**
	 * The versions that name any of these versions as an input.
	 * @param inputIds the input versions
	 * @return the consuming versions
	 */
	@Transactional(readOnly = true)
	public List<Node> consumersOf(Collection<Long> inputIds) {
		return chunked(inputIds, this.versions::findConsumersOf);
	}

	/**
	 * The locations of every live (not expired) version.
	 * @return the locations as registered
	 */
	@Transactional(readOnly = true)
	public List<String> liveLocations() {
		return this.versions.findLiveLocations();
	}

	/**
	 * Whether a live version is registered at this location.
	 * @param location the location, exactly as registered
	 * @return {@code true} if one is
	 */
	@Transactional(readOnly = true)
	public boolean isLiveLocation(String location) {
		return this.versions.countLiveAt(location) > 0;
	}

	private List<Node> chunked(Collection<Long> ids, Function<List<Long>, List<DatasetVersion>> query) {
		List<Long> all = new ArrayList<>(ids);
		Map<Long, Node> found = new LinkedHashMap<>();
		for (int from = 0; from < all.size(); from += CHUNK) {
			query.apply(all.subList(from, Math.min(all.size(), from + CHUNK)))
				.forEach((version) -> found.put(version.id(), node(version)));
		}
		return new ArrayList<>(found.values());
	}

	private static Node node(DatasetVersion version) {
		List<Input> inputs = version.inputs()
			.stream()
			.map((input) -> new Input(input.inputVersionId(), input.inputDataset(), input.inputNumber()))
			.toList();
		return new Node(version.id(), version.datasetId(), version.number(), version.producedBy(), version.source(),
				version.createdAt(), version.expiredAt(), inputs);
	}

	/**
	 * A version in the lineage graph.
	 *
	 * @param id version id
	 * @param datasetId its dataset
	 * @param number its number
	 * @param producedBy its producer, or {@code null}
	 * @param source its external source, or {@code null}
	 * @param createdAt registration time
	 * @param expiredAt expiry time, or {@code null}
	 * @param inputs its inputs
	 */
	public record Node(long id, long datasetId, int number, String producedBy, VersionSource source, Instant createdAt,
			Instant expiredAt, List<Input> inputs) {

	}

	/**
	 * An input edge.
	 *
	 * @param versionId the input version's id, {@code null} once its dataset is deleted
	 * @param dataset the input dataset's name when registered
	 * @param number the input version's number
	 */
	public record Input(Long versionId, String dataset, int number) {

	}

}
