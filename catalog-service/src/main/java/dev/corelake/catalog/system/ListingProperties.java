package dev.corelake.catalog.system;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Listing settings ({@code corelake.catalog.listing.*}). A live setting: a JavaBean, so
 * Spring Cloud Context rebinds it in place when config-service pushes a change; a pushed
 * value outside its bounds is rejected by the config client and the previous one kept.
 *
 * @author Corelake
 */
@Validated
@ConfigurationProperties("corelake.catalog.listing")
public class ListingProperties {

	/** Most items a page may hold, whether asked for or by default. */
	public static final int MAX_PAGE_SIZE = 200;

	/**
	 * Page size of listings whose request has no {@code size} parameter, 1 to
	 * {@value #MAX_PAGE_SIZE}.
	 */
	@Min(1)
	@Max(MAX_PAGE_SIZE)
	private volatile int defaultPageSize = 20;

	/**
	 * The page size used when a listing request names none.
	 * @return the default page size
	 */
	public int getDefaultPageSize() {
		return this.defaultPageSize;
	}

	/**
	 * Sets the page size used when a listing request names none.
	 * @param defaultPageSize the default page size, 1 to {@value #MAX_PAGE_SIZE}
	 */
	public void setDefaultPageSize(int defaultPageSize) {
		this.defaultPageSize = defaultPageSize;
	}

	/**
	 * The page size of a listing request.
	 * @param requested the {@code size} parameter, or {@code null} when absent
	 * @return the requested size, else the default
	 */
	public int pageSize(Integer requested) {
		return (requested != null) ? requested : this.defaultPageSize;
	}

}
