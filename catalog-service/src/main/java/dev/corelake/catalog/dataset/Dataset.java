package dev.corelake.catalog.dataset;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.ReadOnlyProperty;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A dataset: a named, owned collection of immutable versions in the lake. Its metadata
 * (description, tags, retention) changes under optimistic locking; {@code revision} is
 * its ETag.
 *
 * @author Corelake
 */
@Table("dataset")
public class Dataset {

	@Id
	private Long id;

	private String name;

	private String description;

	private String owner;

	private Integer retentionDays;

	private Integer retentionKeepLast;

	/**
	 * Maintained by the version registry with an atomic update, never written through
	 * here.
	 */
	@ReadOnlyProperty
	private int lastVersion;

	@Version
	private Long revision;

	private Instant createdAt;

	private Instant updatedAt;

	@MappedCollection(idColumn = "dataset_id")
	private Set<DatasetTag> tags = new TreeSet<>();

	@MappedCollection(idColumn = "dataset_id")
	private Set<DatasetReader> readers = new TreeSet<>();

	Dataset() {
	}

	Dataset(String name, String description, String owner, Set<String> tags, Retention retention, Instant now) {
		this.name = name;
		this.description = description;
		this.owner = owner;
		this.createdAt = now;
		this.updatedAt = now;
		replaceTags(tags);
		applyRetention(retention);
	}

	/**
	 * Database id, used by the version registry.
	 * @return the id
	 */
	public Long getId() {
		return this.id;
	}

	/**
	 * The unique name.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	String getDescription() {
		return this.description;
	}

	/**
	 * The owning user.
	 * @return the owner
	 */
	public String getOwner() {
		return this.owner;
	}

	int getLastVersion() {
		return this.lastVersion;
	}

	long getRevision() {
		return (this.revision != null) ? this.revision : 0;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getUpdatedAt() {
		return this.updatedAt;
	}

	Set<String> getTags() {
		return this.tags.stream().map(DatasetTag::tag).collect(Collectors.toCollection(TreeSet::new));
	}

	Set<String> getReaders() {
		return this.readers.stream().map(DatasetReader::principal).collect(Collectors.toCollection(TreeSet::new));
	}

	boolean addReader(String principal) {
		return this.readers.add(new DatasetReader(principal));
	}

	boolean removeReader(String principal) {
		return this.readers.remove(new DatasetReader(principal));
	}

	/**
	 * The retention policy.
	 * @return the policy, with absent limits as {@code null}
	 */
	public Retention getRetention() {
		return new Retention(this.retentionDays, this.retentionKeepLast);
	}

	void describe(String description) {
		this.description = description;
	}

	void replaceTags(Set<String> newTags) {
		this.tags = new TreeSet<>();
		if (newTags != null) {
			newTags.forEach((tag) -> this.tags.add(new DatasetTag(tag)));
		}
	}

	boolean addTag(String tag) {
		return this.tags.add(new DatasetTag(tag));
	}

	boolean removeTag(String tag) {
		return this.tags.remove(new DatasetTag(tag));
	}

	void applyRetention(Retention retention) {
		this.retentionDays = (retention != null) ? retention.days() : null;
		this.retentionKeepLast = (retention != null) ? retention.keepLast() : null;
	}

	void touch(Instant now) {
		this.updatedAt = now;
	}

}
