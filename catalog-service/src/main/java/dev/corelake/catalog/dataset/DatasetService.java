package dev.corelake.catalog.dataset;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.corelake.platform.web.Preconditions;
import dev.corelake.errors.CommonErrorCode;
import dev.corelake.errors.CorelakeException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes and removes datasets. Every change of an existing dataset is checked
 * against the revision the caller saw ({@code If-Match}), and again by optimistic locking
 * when it is written, so two concurrent updates can never silently overwrite each other.
 *
 * @author Corelake
 */
@Service
public class DatasetService {

	private final DatasetRepository datasets;

	private final DatasetAccess access;

	private final Clock clock;

	DatasetService(DatasetRepository datasets, DatasetAccess access, Clock clock) {
		this.datasets = datasets;
		this.access = access;
		this.clock = clock;
	}

	@Transactional
	Dataset create(String name, String description, String owner, Set<String> tags, Retention retention) {
		this.access.requireCreate();
		if (this.datasets.existsByName(name)) {
			throw DatasetAlreadyExistsException.named(name);
		}
		try {
			return this.datasets.save(new Dataset(name, description, owner, tags, retention, this.clock.instant()));
		}
		catch (DuplicateKeyException ex) {
			throw DatasetAlreadyExistsException.named(name);
		}
	}

	/**
	 * Reads a dataset the caller may read.
	 * @param name its name
	 * @return the dataset
	 * @throws DatasetNotFoundException when there is none, or the caller may not read it
	 */
	@Transactional(readOnly = true)
	public Dataset get(String name) {
		return this.access.readable(find(name));
	}

	/**
	 * Reads a dataset the caller may change.
	 * @param name its name
	 * @return the dataset
	 * @throws DatasetNotFoundException when there is none, or the caller may not read it
	 * @throws CorelakeException 403 when the caller may read but not change it
	 */
	@Transactional(readOnly = true)
	public Dataset getForChange(String name) {
		return this.access.writable(find(name));
	}

	/**
	 * Every dataset with a retention policy, whoever the caller (for the scheduled
	 * retention run).
	 * @return the datasets
	 */
	@Transactional(readOnly = true)
	public List<Dataset> withRetention() {
		return this.datasets.findWithRetention();
	}

	/**
	 * Datasets by id, whoever the caller; pair with {@link DatasetAccess#canRead} before
	 * showing anything of them.
	 * @param ids the ids
	 * @return the datasets found, by id
	 */
	@Transactional(readOnly = true)
	public Map<Long, Dataset> byIds(Collection<Long> ids) {
		Map<Long, Dataset> found = new HashMap<>();
		this.datasets.findAllById(ids).forEach((dataset) -> found.put(dataset.getId(), dataset));
		return found;
	}

	private Dataset find(String name) {
		return this.datasets.findByName(name).orElseThrow(() -> DatasetNotFoundException.named(name));
	}

	@Transactional
	Dataset update(String name, String ifMatch, String description, Set<String> tags, Retention retention) {
		Dataset dataset = getForChange(name);
		Preconditions.requireMatch(ifMatch, dataset.getRevision());
		boolean changed = false;
		if (description != null && !description.equals(dataset.getDescription())) {
			dataset.describe(description);
			changed = true;
		}
		if (tags != null && !tags.equals(dataset.getTags())) {
			dataset.replaceTags(tags);
			changed = true;
		}
		if (retention != null && !retention.equals(dataset.getRetention())) {
			dataset.applyRetention(retention);
			changed = true;
		}
		// an update that changes nothing keeps the revision, so other editors' ETags stay
		// valid
		return changed ? save(dataset) : dataset;
	}

	@Transactional
	Dataset tag(String name, String tag, boolean add) {
		Dataset dataset = getForChange(name);
		boolean changed = add ? dataset.addTag(tag) : dataset.removeTag(tag);
		if (add && dataset.getTags().size() > DatasetController.MAX_TAGS) {
			throw new CorelakeException(CommonErrorCode.CONFLICT,
					"A dataset carries at most " + DatasetController.MAX_TAGS + " tags.");
		}
		return changed ? save(dataset) : dataset;
	}

	@Transactional
	Dataset share(String name, String principal, boolean add) {
		Dataset dataset = getForChange(name);
		boolean changed = add ? dataset.addReader(principal) : dataset.removeReader(principal);
		if (add && dataset.getReaders().size() > DatasetController.MAX_READERS) {
			throw new CorelakeException(CommonErrorCode.CONFLICT,
					"A dataset is shared with at most " + DatasetController.MAX_READERS + " readers.");
		}
		return changed ? save(dataset) : dataset;
	}

	@Transactional
	void delete(String name, String ifMatch) {
		Dataset dataset = getForChange(name);
		Preconditions.checkMatch(ifMatch, dataset.getRevision());
		try {
			this.datasets.delete(dataset);
		}
		catch (OptimisticLockingFailureException ex) {
			throw new CorelakeException(CommonErrorCode.PRECONDITION_FAILED,
					"Dataset '" + name + "' was changed or deleted concurrently; read it again and retry.", ex);
		}
	}

	private Dataset save(Dataset dataset) {
		dataset.touch(this.clock.instant());
		try {
			return this.datasets.save(dataset);
		}
		catch (OptimisticLockingFailureException ex) {
			throw new CorelakeException(CommonErrorCode.PRECONDITION_FAILED,
					"Dataset '" + dataset.getName() + "' was changed concurrently; read it again and retry.", ex);
		}
	}

}
