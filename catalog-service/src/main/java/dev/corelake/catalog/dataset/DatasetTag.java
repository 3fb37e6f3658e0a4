package dev.corelake.catalog.dataset;

import org.springframework.data.relational.core.mapping.Table;

/**
 * One tag of a dataset.
 *
 * @param tag the tag
 * @author Corelake
 */
@Table("dataset_tag")
record DatasetTag(String tag) implements Comparable<DatasetTag> {

	@Override
	public int compareTo(DatasetTag other) {
		return this.tag.compareTo(other.tag);
	}

}
