package dev.corelake.catalog.version;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.corelake.catalog.dataset.Dataset;
import dev.corelake.catalog.dataset.DatasetNotFoundException;
import dev.corelake.catalog.dataset.DatasetService;
import dev.corelake.catalog.dataset.Retention;
import dev.corelake.catalog.system.CatalogErrorCode;
import dev.corelake.errors.CorelakeException;
import dev.corelake.platform.web.PageResponse;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers and reads dataset versions, and works out which versions a dataset's
 * retention policy has made due for expiry.
 * <p>
 * Registration is idempotent for producers that retry after a crash: under the dataset's
 * row lock, a version with the same {@code producedBy} and {@code location} is returned
 * as it is, and nothing is created; a version with one of the two but not the other is a
 * conflict (two runs claiming one version, or one run claiming two places).
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
	Registration register(String datasetName, NewVersion request) {
		Dataset dataset = this.datasets.getForChange(datasetName);
		Set<VersionInput> inputs = resolveInputs(request.inputs());
		if (this.versions.lockDataset(dataset.getId()) == null) {
			throw DatasetNotFoundException.named(datasetName);
		}
		List<DatasetVersion> existing = this.versions.findByProducerOrLocation(dataset.getId(), request.producedBy(),
				request.location());
		if (!existing.isEmpty()) {
			DatasetVersion first = existing.get(0);
			if (Objects.equals(first.producedBy(), request.producedBy())
					&& first.location().equals(request.location())) {
				return new Registration(view(datasetName, first), false);
			}
			throw new CorelakeException(CatalogErrorCode.VERSION_REGISTRATION_CONFLICT, "Version " + first.number()
					+ " of dataset '" + datasetName + "' already has " + (first.location().equals(request.location())
							? "this location with another producedBy." : "this producedBy with another location."))
				.with("version", first.number());
		}
		if (this.versions.incrementLastVersion(dataset.getId()) != 1) {
			throw DatasetNotFoundException.named(datasetName);
		}
		int number = this.versions.lastVersion(dataset.getId());
		VersionSource source = request.source();
		DatasetVersion saved = this.versions.save(new DatasetVersion(null, dataset.getId(), number, request.location(),
				request.format().name(), this.json.writeValueAsString(request.schema()), request.rowCount(),
				request.bytes(), request.producedBy(), this.clock.instant(), (source != null) ? source.kind() : null,
				(source != null) ? source.name() : null, (source != null) ? source.detail() : null, null, null,
				inputs));
		return new Registration(view(datasetName, saved), true);
	}

	/**
	 * Looks every input up as the caller: one that does not exist and one the caller may
	 * not read are refused alike.
	 */
	private Set<VersionInput> resolveInputs(List<InputRef> inputs) {
		Set<VersionInput> resolved = new LinkedHashSet<>();
		if (inputs == null) {
			return resolved;
		}
		for (InputRef input : new LinkedHashSet<>(inputs)) {
			Dataset dataset;
			try {
				dataset = this.datasets.get(input.dataset());
			}
			catch (DatasetNotFoundException ex) {
				throw inputNotFound(input);
			}
			DatasetVersion version = this.versions.findByDatasetIdAndNumber(dataset.getId(), input.version())
				.orElseThrow(() -> inputNotFound(input));
			resolved.add(new VersionInput(version.id(), input.dataset(), input.version()));
		}
		return resolved;
	}

	private static CorelakeException inputNotFound(InputRef input) {
		return new CorelakeException(CatalogErrorCode.INPUT_VERSION_NOT_FOUND,
				"Input '" + input.dataset() + "' version " + input.version() + " does not exist.")
			.with("input", input);
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
	 * The versions the dataset's retention policy makes due for expiry now, counting live
	 * versions only: those beyond the newest {@code keepLast} and those older than
	 * {@code days}. The newest version is never due.
	 */
	@Transactional(readOnly = true)
	RetentionPlan retentionPlan(String datasetName) {
		return retentionPlan(this.datasets.get(datasetName));
	}

	RetentionPlan retentionPlan(Dataset dataset) {
		Retention retention = dataset.getRetention();
		List<DatasetVersion> live = this.versions.findAllNewestFirst(dataset.getId())
			.stream()
			.filter((version) -> version.expiredAt() == null)
			.toList();
		Instant now = this.clock.instant();
		List<Integer> due = new ArrayList<>();
		for (int i = 1; i < live.size(); i++) {
			DatasetVersion version = live.get(i);
			boolean beyondKeepLast = retention.keepLast() != null && i >= retention.keepLast();
			boolean tooOld = retention.days() != null
					&& version.createdAt().isBefore(now.minus(Duration.ofDays(retention.days())));
			if (beyondKeepLast || tooOld) {
				due.add(version.number());
			}
		}
		return new RetentionPlan(dataset.getName(), retention, live.size(), due);
	}

	private VersionView view(String datasetName, DatasetVersion version) {
		List<InputRef> inputs = version.inputs()
			.stream()
			.sorted(Comparator.comparing(VersionInput::inputDataset).thenComparing(VersionInput::inputNumber))
			.map((input) -> new InputRef(input.inputDataset(), input.inputNumber()))
			.toList();
		return new VersionView(datasetName, version.number(), version.location(), version.format(),
				this.json.readValue(version.schemaJson(), SCHEMA), version.rowCount(), version.bytes(),
				version.producedBy(), version.createdAt(), inputs, version.source(), version.expiredAt());
	}

}
