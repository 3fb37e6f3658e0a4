package dev.corelake.platform.naming;

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
 * The one pattern for names used in paths (datasets, namespaces, jobs, models):
 * lower-case ASCII letter first, then lower-case letters, digits, {@code _} or {@code -},
 * at most 63 characters. It rules out traversal ({@code ..}, {@code /}), odd Unicode and
 * names that are not valid Kubernetes label values or (after quoting) SQL identifiers.
 * {@code null} is valid; add {@code @NotNull} where the name is required.
 *
 * @author Corelake
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = ResourceName.PATTERN)
@ReportAsSingleViolation
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
		ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface ResourceName {

	/** The regular expression every resource name matches. */
	String PATTERN = "[a-z][a-z0-9_-]{0,62}";

	/**
	 * The message.
	 * @return the message
	 */
	String message() default "must be 1-63 characters: a lower-case letter, then lower-case letters, digits, '_' or '-'";

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
