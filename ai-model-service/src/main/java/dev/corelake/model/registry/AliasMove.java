package dev.corelake.model.registry;

import java.time.Instant;

/**
 * One change of an alias.
 *
 * @param alias the alias
 * @param fromVersion where it pointed before, {@code null} when it was created
 * @param toVersion where it points after, {@code null} when it was deleted
 * @param movedBy who
 * @param movedAt when
 * @author Corelake
 */
public record AliasMove(String alias, Integer fromVersion, Integer toVersion, String movedBy, Instant movedAt) {

}
