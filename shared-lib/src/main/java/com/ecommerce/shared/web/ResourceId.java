package com.ecommerce.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * An id as the API accepts it in paths and bodies: 1 to 64 of {@code [A-Za-z0-9_-]}, required. An optional one (a
 * filter) is {@link OptionalResourceId}; both say {@link #MESSAGE}.
 */
@Documented
@Constraint(validatedBy = {})
@NotNull
@Pattern(regexp = ResourceId.PATTERN)
@ReportAsSingleViolation
@Target({ ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface ResourceId {

	String PATTERN = "^[A-Za-z0-9_-]{1,64}$";

	String MESSAGE = "must be 1 to 64 letters, digits, '_' or '-'";

	String message() default MESSAGE;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
