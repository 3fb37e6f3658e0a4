package dev.corelake.catalog.dataset;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How long a dataset keeps its versions: versions older than {@code days}, and versions
 * beyond the newest {@code keepLast}, are due for expiry. The newest version is never
 * due. Either limit may be absent; with both absent, versions are kept forever.
 *
 * @param days maximum age in days, or {@code null}
 * @param keepLast how many of the newest versions to keep, or {@code null}
 * @author Corelake
 */
public record Retention(@Min(1) @Max(36500) Integer days, @Min(1) @Max(100000) Integer keepLast) {

}
