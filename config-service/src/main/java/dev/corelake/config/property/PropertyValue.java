package dev.corelake.config.property;

/**
 * A property's value and whether it is secret.
 *
 * @param value the value (plaintext in memory, ciphertext at rest when secret)
 * @param secret whether it is encrypted at rest and masked for most readers
 * @author Corelake
 */
public record PropertyValue(String value, boolean secret) {
}
