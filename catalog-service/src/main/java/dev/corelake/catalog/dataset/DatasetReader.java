package dev.corelake.catalog.dataset;

import org.springframework.data.relational.core.mapping.Table;

/**
 * Someone a dataset is shared with for reading: a user name, or {@code *} for every
 * signed-in user.
 *
 * @param principal the user name or {@code *}
 * @author Corelake
 */
@Table("dataset_reader")
record DatasetReader(String principal) implements Comparable<DatasetReader> {

	@Override
	public int compareTo(DatasetReader other) {
		return this.principal.compareTo(other.principal);
	}

}
