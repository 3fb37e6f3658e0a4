package dev.corelake.platform.web;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a listing, the shape every Corelake list endpoint answers with.
 *
 * @param <T> the item type
 * @param items the items of this page
 * @param page the zero-based page number
 * @param size the requested page size
 * @param totalItems how many items match in all
 * @param totalPages how many pages there are at this size
 * @author Corelake
 */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

	/**
	 * Builds a page.
	 * @param <T> the item type
	 * @param items the items of this page
	 * @param page the zero-based page number
	 * @param size the page size
	 * @param totalItems how many items match in all
	 * @return the page
	 */
	public static <T> PageResponse<T> of(List<T> items, int page, int size, long totalItems) {
		int totalPages = (int) Math.min(Integer.MAX_VALUE, (totalItems + size - 1) / size);
		return new PageResponse<>(List.copyOf(items), page, size, totalItems, totalPages);
	}

	/**
	 * Maps the items.
	 * @param <R> the new item type
	 * @param mapper the mapping
	 * @return the mapped page
	 */
	public <R> PageResponse<R> map(Function<? super T, ? extends R> mapper) {
		return new PageResponse<>(this.items.stream().<R>map(mapper).toList(), this.page, this.size, this.totalItems,
				this.totalPages);
	}

}
