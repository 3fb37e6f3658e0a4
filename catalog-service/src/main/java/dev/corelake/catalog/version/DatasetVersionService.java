package dev.corelake.catalog.version;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.corelake.catalog.dataset.Dataset;
import dev.corelake.catalog.dataset.DatasetNotFoundException;
import dev.corelake.catalog.dataset.DatasetService;
import dev.corelake.catalog.dataset.Retention;
import dev.corelake.platform.web.PageResponse;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers and reads dataset versions, and works out which versions a dataset's
 * retention policy has made due for expiry.
 *
 * @author Corelake
 */
@Service
class DatasetVersionService {

	private static final TypeReference<List<SchemaField>> SCHEMA = new TypeReference<>() {
	};

	private final DatasetService datasets;

	private final DatasetVersionRepository versions;

	private final JsonMapper json;

	private final Clock clock;

	DatasetVersionService(DatasetService datasets, DatasetVersionRepository versions, JsonMapper json, Clock clock) {
		this.datasets = datasets;
		this.versions = versions;
		this.json = json;
		this.clock = clock;
	}

	@Transactional
	VersionView register(String datasetName, NewVersion request) {
		Dataset dataset = this.datasets.getForChange(datasetName);
		if (this.versions.incrementLastVersion(dataset.getId()) != 1) {
			throw DatasetNotFoundException.named(datasetName);
		}
		int number = this.versions.lastVersion(dataset.getId());
		DatasetVersion saved = this.versions.save(new DatasetVersion(null, dataset.getId(), number,
				request.location().toString(), request.format().name(), this.json.writeValueAsString(request.schema()),
				request.rowCount(), request.bytes(), request.producedBy(), this.clock.instant()));
		return view(datasetName, saved);
	}

	@Transactional(readOnly = true)
	VersionView get(String datasetName, int number) {
		Dataset dataset = this.datasets.get(datasetName);
		return this.versions.findByDatasetIdAndNumber(dataset.getId(), number)
			.map((version) -> view(datasetName, version))
			.orElseThrow(() -> DatasetVersionNotFoundException.of(datasetName, number));
	}

	@Transactional(readOnly = true)
	PageResponse<VersionView> list(String datasetName, int page, int size) {
		Dataset dataset = this.datasets.get(datasetName);
		long total = this.versions.countByDatasetId(dataset.getId());
		List<VersionView> items = this.versions.findPage(dataset.getId(), size, (long) page * size)
			.stream()
			.map((version) -> view(datasetName, version))
			.toList();
		return PageResponse.of(items, page, size, total);
	}

	/**
	 * The versions the dataset's retention policy makes due for expiry now: those beyond
	 * the newest {@code keepLast} and those older than {@code days}. The newest version
	 * is never due.
	 */
	@Transactional(readOnly = true)
	RetentionPlan retentionPlan(String datasetName) {
		Dataset dataset = this.datasets.get(datasetName);
		Retention retention = dataset.getRetention();
		List<DatasetVersion> all = this.versions.findAllNewestFirst(dataset.getId());
		Instant now = this.clock.instant();
		List<Integer> due = new ArrayList<>();
		for (int i = 1; i < all.size(); i++) {
			DatasetVersion version = all.get(i);
			boolean beyondKeepLast = retention.keepLast() != null && i >= retention.keepLast();
			boolean tooOld = retention.days() != null
					&& version.createdAt().isBefore(now.minus(Duration.ofDays(retention.days())));
			if (beyondKeepLast || tooOld) {
				due.add(version.number());
			}
		}
		return new RetentionPlan(datasetName, retention, all.size(), due);
	}

	private VersionView view(String datasetName, DatasetVersion version) {
		return new VersionView(datasetName, version.number(), version.location(), version.format(),
				this.json.readValue(version.schemaJson(), SCHEMA), version.rowCount(), version.bytes(),
				version.producedBy(), version.createdAt());
	}

}
