package dev.corelake.catalog.version;

import dev.corelake.platform.naming.ResourceName;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * An input of a version: a version of a dataset it was produced from (a lineage edge).
 *
 * @param dataset the input dataset's name
 * @param version the input version's number
 * @author Corelake
 */
public record InputRef(@NotNull @ResourceName String dataset, @NotNull @Min(1) Integer version) {

}
