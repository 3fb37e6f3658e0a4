package dev.corelake.catalog.version;

import java.time.Instant;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One immutable version of a dataset: where its files are, their format and schema, what
 * produced them from which inputs, and whether retention has expired it. Numbers start at
 * 1 and increase by one per dataset.
 *
 * @param id database id
 * @param datasetId owning dataset
 * @param number version number
 * @param location lake URI of the committed files
 * @param format file format
 * @param schemaJson schema fields, as JSON
 * @param rowCount number of rows
 * @param bytes total size
 * @param producedBy the job or run that produced it
 * @param createdAt registration time
 * @param sourceKind kind of the external source, or {@code null}
 * @param sourceName name of the external source, or {@code null}
 * @param sourceDetail what was read from the source, or {@code null}
 * @param expiredAt when retention expired it, {@code null} while live
 * @param filesState what became of the files of an expired version (see
 * {@link FilesState})
 * @param inputs the versions it was produced from
 * @author Corelake
 */
@Table("dataset_version")
record DatasetVersion(@Id Long id, Long datasetId, int number, String location, String format, String schemaJson,
		long rowCount, long bytes, String producedBy, Instant createdAt, String sourceKind, String sourceName,
		String sourceDetail, Instant expiredAt, String filesState,
		@MappedCollection(idColumn = "version_id") Set<VersionInput> inputs) {

	DatasetVersion {
		inputs = (inputs != null) ? inputs : Set.of();
	}

	VersionSource source() {
		return (this.sourceKind != null) ? new VersionSource(this.sourceKind, this.sourceName, this.sourceDetail)
				: null;
	}

	/**
	 * What became of an expired version's files.
	 */
	enum FilesState {

		/** Still to be removed (the lake was unreachable, or removal is under way). */
		PENDING,

		/** Removed from the lake. */
		REMOVED,

		/**
		 * The location is not under the lake's {@code datasets/} area: the catalog leaves
		 * it alone.
		 */
		OUTSIDE_LAKE,

		/** Another live version has the same location: the files stay. */
		SHARED

	}

}
