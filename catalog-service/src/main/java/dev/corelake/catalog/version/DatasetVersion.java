package dev.corelake.catalog.version;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One immutable version of a dataset: where its files are, their format and schema, and
 * what produced them. Numbers start at 1 and increase by one per dataset.
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
 * @author Corelake
 */
@Table("dataset_version")
record DatasetVersion(@Id Long id, Long datasetId, int number, String location, String format, String schemaJson,
		long rowCount, long bytes, String producedBy, Instant createdAt) {

}
