package dev.corelake.catalog.version;

import org.springframework.data.relational.core.mapping.Table;

/**
 * A stored lineage edge: the version it belongs to was produced from this input.
 *
 * @param inputVersionId the input version's id; {@code null} once its dataset is deleted
 * @param inputDataset the input dataset's name when the edge was registered
 * @param inputNumber the input version's number
 * @author Corelake
 */
@Table("dataset_version_input")
record VersionInput(Long inputVersionId, String inputDataset, int inputNumber) {

}
