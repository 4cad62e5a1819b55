package com.ecommerce.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

/** An id that may be absent (a filter, an optional body field); when present, a {@link ResourceId}. */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = ResourceId.PATTERN)
@ReportAsSingleViolation
@Target({ ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface OptionalResourceId {

	String message() default ResourceId.MESSAGE;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
