package dev.corelake.catalog.lake;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import dev.corelake.catalog.system.CatalogErrorCode;
import dev.corelake.catalog.version.VersionGraph;
import dev.corelake.errors.CorelakeException;
import dev.corelake.lake.Lake;
import dev.corelake.lake.LakeEntry;
import dev.corelake.lake.LakeProperties;
import dev.corelake.lake.StagingEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Finds lake paths that belong to nothing: {@code datasets/<d>/<v>} directories that no
 * live catalog version points at (its location equal to, inside, or above the directory),
 * and {@code _staging/<owner>/<run>} areas whose lease is older than
 * {@code corelake.lake.staging-lease-ttl} or missing; both only once they are older than
 * the grace period. {@code models/} directories are skipped: ai-model-service will own
 * them. A sweep checks each orphan again, against a fresh list of versions and leases,
 * right before removing it.
 *
 * @author Corelake
 */
@Service
class OrphanSweeper {

	private static final Logger logger = LoggerFactory.getLogger(OrphanSweeper.class);

	private final Lake lake;

	private final VersionGraph versions;

	private final SweeperProperties properties;

	private final Duration leaseTtl;

	private final Clock clock;

	private final Map<Kind, AtomicLong> found = new EnumMap<>(Kind.class);

	private final Map<Kind, AtomicLong> foundBytes = new EnumMap<>(Kind.class);

	private final Map<Kind, Counter> removed = new EnumMap<>(Kind.class);

	private final Map<Kind, Counter> removedBytes = new EnumMap<>(Kind.class);

	OrphanSweeper(Lake lake, VersionGraph versions, SweeperProperties properties, LakeProperties lakeProperties,
			Clock clock, MeterRegistry meters) {
		this.lake = lake;
		this.versions = versions;
		this.properties = properties;
		this.leaseTtl = lakeProperties.stagingLeaseTtl();
		this.clock = clock;
		for (Kind kind : Kind.values()) {
			this.found.put(kind, new AtomicLong());
			this.foundBytes.put(kind, new AtomicLong());
			Gauge.builder("corelake.lake.orphans.found", this.found.get(kind), AtomicLong::get)
				.description("Orphaned lake paths found by the last sweep or report")
				.tag("kind", kind.label)
				.register(meters);
			Gauge.builder("corelake.lake.orphans.bytes", this.foundBytes.get(kind), AtomicLong::get)
				.description("Size of the orphaned lake paths found by the last sweep or report")
				.baseUnit("bytes")
				.tag("kind", kind.label)
				.register(meters);
			this.removed.put(kind,
					Counter.builder("corelake.lake.orphans.removed")
						.description("Orphaned lake paths removed")
						.tag("kind", kind.label)
						.register(meters));
			this.removedBytes.put(kind,
					Counter.builder("corelake.lake.orphans.removed.bytes")
						.description("Size of the orphaned lake paths removed")
						.baseUnit("bytes")
						.tag("kind", kind.label)
						.register(meters));
		}
	}

	/**
	 * Lists the orphans without touching them.
	 * @return the report
	 */
	OrphanReport report() {
		return run(false);
	}

	/**
	 * Removes the orphans.
	 * @return the report, each orphan saying whether it was removed
	 */
	OrphanReport sweep() {
		return run(true);
	}

	private OrphanReport run(boolean delete) {
		try {
			Instant now = this.clock.instant();
			List<LakeEntry> dirs = this.lake.versionDirs();
			List<StagingEntry> areas = this.lake.stagingAreas();
			Owned owned = owned();
			List<OrphanReport.Orphan> orphans = new ArrayList<>();
			int skippedModels = 0;
			for (LakeEntry dir : dirs) {
				if (dir.kind() == LakeEntry.Kind.MODEL) {
					skippedModels++;
				}
				else if (!owned.covers(dir.path()) && isOlderThanGrace(dir.modified(), now)) {
					orphans.add(new OrphanReport.Orphan(Kind.VERSION.label, dir.location().toString(), dir.name(),
							dir.versionId(), dir.modified(), null, dir.bytes(), "no live catalog version", null, null));
				}
			}
			for (StagingEntry area : areas) {
				if (isDead(area, now)) {
					orphans.add(new OrphanReport.Orphan(Kind.STAGING.label, area.path().toUri().toString(),
							area.owner(), area.runId(), area.modified(), area.lease(), area.bytes(),
							(area.lease() != null) ? "lease older than " + this.leaseTtl : "no lease", null, null));
				}
			}
			record(orphans);
			long removedTotal = 0;
			if (delete && !orphans.isEmpty()) {
				List<OrphanReport.Orphan> outcomes = remove(orphans);
				orphans = outcomes;
				removedTotal = outcomes.stream()
					.filter((orphan) -> Boolean.TRUE.equals(orphan.removed()))
					.mapToLong(OrphanReport.Orphan::bytes)
					.sum();
			}
			return new OrphanReport(this.lake.uri().toString(), now, this.properties.grace().toString(),
					this.leaseTtl.toString(), !delete, orphans,
					orphans.stream().mapToLong(OrphanReport.Orphan::bytes).sum(), removedTotal, skippedModels);
		}
		catch (UncheckedIOException ex) {
			throw new CorelakeException(CatalogErrorCode.LAKE_UNAVAILABLE,
					"The lake at " + this.lake.uri() + " could not be listed: " + ex.getMessage(), ex);
		}
	}

	private List<OrphanReport.Orphan> remove(List<OrphanReport.Orphan> orphans) {
		// look again, right before removing: a version registered or a lease renewed
		// since
		// the listing saves its path
		Instant now = this.clock.instant();
		Owned owned = owned();
		Map<String, StagingEntry> areas = new java.util.HashMap<>();
		this.lake.stagingAreas().forEach((area) -> areas.put(area.path().toUri().toString(), area));
		List<OrphanReport.Orphan> outcomes = new ArrayList<>();
		for (OrphanReport.Orphan orphan : orphans) {
			Path path = new Path(URI.create(orphan.location()));
			boolean stillOrphan = orphan.kind().equals(Kind.VERSION.label) ? !owned.covers(path)
					: areas.containsKey(orphan.location()) && isDead(areas.get(orphan.location()), now);
			if (!stillOrphan) {
				outcomes.add(orphan.outcome(false, "no longer an orphan"));
				continue;
			}
			try {
				this.lake.delete(path);
				Kind kind = orphan.kind().equals(Kind.VERSION.label) ? Kind.VERSION : Kind.STAGING;
				this.removed.get(kind).increment();
				this.removedBytes.get(kind).increment(orphan.bytes());
				logger.info("Removed orphaned {} {} ({} bytes): {}", orphan.kind(), orphan.location(), orphan.bytes(),
						orphan.reason());
				outcomes.add(orphan.outcome(true, null));
			}
			catch (UncheckedIOException | IllegalArgumentException ex) {
				logger.warn("Cannot remove orphaned {} {}: {}", orphan.kind(), orphan.location(), ex.getMessage());
				outcomes.add(orphan.outcome(false, ex.getMessage()));
			}
		}
		return outcomes;
	}

	private boolean isDead(StagingEntry area, Instant now) {
		if (area.isLive(now, this.leaseTtl)) {
			return false;
		}
		return isOlderThanGrace((area.lease() != null) ? area.lease() : area.modified(), now);
	}

	private boolean isOlderThanGrace(Instant time, Instant now) {
		return !time.plus(this.properties.grace()).isAfter(now);
	}

	private void record(List<OrphanReport.Orphan> orphans) {
		for (Kind kind : Kind.values()) {
			List<OrphanReport.Orphan> ofKind = orphans.stream()
				.filter((orphan) -> orphan.kind().equals(kind.label))
				.toList();
			this.found.get(kind).set(ofKind.size());
			this.foundBytes.get(kind).set(ofKind.stream().mapToLong(OrphanReport.Orphan::bytes).sum());
		}
	}

	private Owned owned() {
		NavigableSet<String> paths = new TreeSet<>();
		for (String location : this.versions.liveLocations()) {
			try {
				paths.add(this.lake.resolve(new URI(location)).toUri().getPath());
			}
			catch (java.net.URISyntaxException | IllegalArgumentException ex) {
				// not in this lake: owns nothing here
			}
		}
		return new Owned(paths);
	}

	/**
	 * The lake paths live versions point at. A directory is owned when a location is the
	 * directory itself, lies inside it, or lies above it.
	 */
	private record Owned(NavigableSet<String> paths) {

		boolean covers(Path dir) {
			String path = dir.toUri().getPath();
			if (this.paths.contains(path)) {
				return true;
			}
			String inside = this.paths.ceiling(path + "/");
			if (inside != null && inside.startsWith(path + "/")) {
				return true;
			}
			for (Path parent = dir.getParent(); parent != null; parent = parent.getParent()) {
				if (this.paths.contains(parent.toUri().getPath())) {
					return true;
				}
			}
			return false;
		}

	}

	private enum Kind {

		VERSION("version"), STAGING("staging");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

	}

}
