package dev.corelake.catalog.version;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.corelake.catalog.dataset.Dataset;
import dev.corelake.catalog.dataset.DatasetService;
import dev.corelake.catalog.version.DatasetVersion.FilesState;
import dev.corelake.catalog.version.RetentionResult.ExpiredVersion;
import dev.corelake.lake.Lake;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries out retention: expires the versions a dataset's policy makes due (the row stays
 * for lineage, marked expired) and removes their files from the lake. Expiry is committed
 * before any file is touched, so a crash in between leaves the files {@code PENDING} and
 * the next run removes them; a version is expired by one run only, however many replicas
 * run at once. The newest version is never expired, and files are left alone when they
 * lie outside the lake or another live version still points at them.
 *
 * @author Corelake
 */
@Service
class RetentionExecutor {

	private static final Logger logger = LoggerFactory.getLogger(RetentionExecutor.class);

	private final DatasetService datasets;

	private final DatasetVersionService service;

	private final DatasetVersionRepository versions;

	private final Lake lake;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final Counter expiredCounter;

	private final Counter removedCounter;

	RetentionExecutor(DatasetService datasets, DatasetVersionService service, DatasetVersionRepository versions,
			Lake lake, TransactionTemplate transaction, Clock clock, MeterRegistry meters) {
		this.datasets = datasets;
		this.service = service;
		this.versions = versions;
		this.lake = lake;
		this.transaction = transaction;
		this.clock = clock;
		this.expiredCounter = Counter.builder("corelake.catalog.retention.expired")
			.description("Dataset versions expired by retention")
			.register(meters);
		this.removedCounter = Counter.builder("corelake.catalog.retention.removed")
			.description("Expired versions whose files were removed from the lake")
			.register(meters);
	}

	/**
	 * Applies the retention of one dataset the caller may change.
	 * @param datasetName the dataset
	 * @return what was done
	 */
	RetentionResult apply(String datasetName) {
		Dataset dataset = this.datasets.getForChange(datasetName);
		return applyTo(dataset);
	}

	/**
	 * Applies the retention of every dataset that has a policy, then retries file
	 * removals that failed before (scheduled; no caller).
	 * @return what was done, per dataset that changed
	 */
	List<RetentionResult> applyAll() {
		List<RetentionResult> results = new ArrayList<>();
		for (Dataset dataset : this.datasets.withRetention()) {
			try {
				RetentionResult result = applyTo(dataset);
				if (!result.expired().isEmpty()) {
					results.add(result);
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Retention of dataset '{}' failed; the next run retries it", dataset.getName(), ex);
			}
		}
		List<ExpiredVersion> retried = removePendingFiles(null);
		if (!retried.isEmpty()) {
			results.add(new RetentionResult(null, List.of(), retried));
		}
		return results;
	}

	private RetentionResult applyTo(Dataset dataset) {
		RetentionPlan plan = this.transaction.execute((status) -> this.service.retentionPlan(dataset));
		List<ExpiredVersion> expired = new ArrayList<>();
		for (int number : plan.dueForExpiry()) {
			DatasetVersion version = this.versions.findByDatasetIdAndNumber(dataset.getId(), number).orElse(null);
			Integer updated = (version != null)
					? this.transaction.execute((status) -> this.versions.expire(version.id(), this.clock.instant()))
					: null;
			if (updated != null && updated == 1) {
				this.expiredCounter.increment();
				logger.info("Retention expired version {} of dataset '{}' ({})", number, dataset.getName(),
						version.location());
				expired.add(new ExpiredVersion(number, version.location(), removeFiles(version).name()));
			}
		}
		List<ExpiredVersion> retried = removePendingFiles(dataset.getId());
		return new RetentionResult(dataset.getName(), expired, retried);
	}

	private List<ExpiredVersion> removePendingFiles(Long datasetId) {
		List<ExpiredVersion> retried = new ArrayList<>();
		for (DatasetVersion version : this.versions.findFilesPending()) {
			if (datasetId == null || datasetId.equals(version.datasetId())) {
				retried.add(new ExpiredVersion(version.number(), version.location(), removeFiles(version).name()));
			}
		}
		return retried;
	}

	/**
	 * The path of a location under the lake's {@code datasets/} area: retention never
	 * deletes a staging area, a model or the root, whatever a version's location says.
	 */
	private Path datasetsPath(String location) throws URISyntaxException {
		Path path = this.lake.resolve(new URI(location));
		String datasets = new Path(this.lake.root(), Lake.DATASETS).toUri().getPath() + "/";
		if (!path.toUri().getPath().startsWith(datasets)) {
			throw new IllegalArgumentException(location + " is not under " + datasets);
		}
		return path;
	}

	private FilesState removeFiles(DatasetVersion version) {
		FilesState state;
		if (this.versions.countLiveAt(version.location()) > 0) {
			state = FilesState.SHARED;
		}
		else {
			try {
				this.lake.delete(datasetsPath(version.location()));
				state = FilesState.REMOVED;
				this.removedCounter.increment();
			}
			catch (URISyntaxException | IllegalArgumentException ex) {
				state = FilesState.OUTSIDE_LAKE;
			}
			catch (UncheckedIOException ex) {
				logger.warn("Cannot remove the files of expired version {} at {}; the next run retries: {}",
						version.number(), version.location(), ex.getMessage());
				return FilesState.PENDING;
			}
		}
		FilesState outcome = state;
		this.transaction.executeWithoutResult((status) -> this.versions.filesState(version.id(), outcome.name()));
		return outcome;
	}

}
