package com.ecommerce.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.List;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A text field of a JSON body that must name one of an enum's constants, answered as the binding of an enum query
 * parameter is: "must be one of [a, b]". A body field stays text rather than the enum itself because Jackson stops at
 * the first value it can't convert, which would hide every other bad field of the body; this way all are named.
 */
@Documented
@Constraint(validatedBy = OneOf.Validator.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface OneOf {

	/** The enum whose constants' names are the accepted values. */
	Class<? extends Enum<?>> value();

	/** Made from the enum's constants when left empty. */
	String message() default "";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<OneOf, String> {

		private List<String> names;

		private String message;

		@Override
		public void initialize(OneOf annotation) {
			this.names = Arrays.stream(annotation.value().getEnumConstants()).map(Enum::name).toList();
			this.message = annotation.message().isEmpty() ? "must be one of " + this.names : annotation.message();
		}

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			if (value == null || this.names.contains(value)) {
				return true;
			}
			context.disableDefaultConstraintViolation();
			context.buildConstraintViolationWithTemplate(this.message).addConstraintViolation();
			return false;
		}

	}

}
