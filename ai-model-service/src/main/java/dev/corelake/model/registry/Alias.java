package dev.corelake.model.registry;

import java.time.Instant;

/**
 * A named pointer to a model version ({@code champion}, {@code challenger} …).
 *
 * @param alias the name
 * @param version the version it points to
 * @param revision its revision (the ETag without quotes), raised by every move
 * @param updatedBy who moved it last
 * @param updatedAt when
 * @author Corelake
 */
public record Alias(String alias, int version, long revision, String updatedBy, Instant updatedAt) {

}
