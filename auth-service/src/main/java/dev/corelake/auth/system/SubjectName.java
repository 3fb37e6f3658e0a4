package dev.corelake.auth.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

/**
 * The pattern of usernames and API client ids, which share one namespace because either
 * becomes a token's {@code sub}: a lower-case ASCII letter, then 2 to 63 lower-case
 * letters, digits, {@code .}, {@code _} or {@code -}. {@code null} is valid; add
 * {@code @NotNull} where the name is required.
 *
 * @author Corelake
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = SubjectName.PATTERN)
@ReportAsSingleViolation
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
		ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface SubjectName {

	/** The regular expression every username and client id matches. */
	String PATTERN = "[a-z][a-z0-9._-]{2,63}";

	/** Precompiled {@link #PATTERN}. */
	java.util.regex.Pattern COMPILED = java.util.regex.Pattern.compile(PATTERN);

	/**
	 * The message.
	 * @return the message
	 */
	String message() default "must be 3-64 characters: a lower-case letter, then lower-case letters, digits, '.', '_' or '-'";

	/**
	 * Validation groups.
	 * @return the groups
	 */
	Class<?>[] groups() default {};

	/**
	 * Payload.
	 * @return the payload
	 */
	Class<? extends Payload>[] payload() default {};

}
