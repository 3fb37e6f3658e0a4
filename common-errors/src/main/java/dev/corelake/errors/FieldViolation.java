package dev.corelake.errors;

/**
 * One invalid field of a request, reported in a problem's {@code errors[]}. The rejected
 * value is deliberately not echoed: it may be huge or sensitive.
 *
 * @param field the field (JSON property path, parameter or header name)
 * @param message what is wrong with it
 * @author Corelake
 */
public record FieldViolation(String field, String message) {

}
