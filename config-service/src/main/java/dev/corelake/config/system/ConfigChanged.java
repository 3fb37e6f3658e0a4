package dev.corelake.config.system;

/**
 * Published inside the transaction of a configuration write; listeners act after the
 * commit.
 *
 * @param revision the revision the write created
 * @author Corelake
 */
public record ConfigChanged(long revision) {
}
