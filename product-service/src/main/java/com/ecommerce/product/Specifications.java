package com.ecommerce.product;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Free-form product specifications: any JSON object, as long as MongoDB can store it and give it back as given. Its
 * field names become document field names, where a {@code .} or a leading {@code $} would be read as a path or an
 * operator, a NUL can't be written, and {@code _class} would be read back by Spring Data as the Java type to create;
 * its nesting stays shallow; and its numbers fit what BSON stores (64-bit integers, finite doubles), where a larger
 * one would reach the database as a type it has no codec for.
 */
@Documented
@Constraint(validatedBy = Specifications.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface Specifications {

	int MAX_DEPTH = 5;

	int MAX_KEY_LENGTH = 100;

	/** Where Spring Data keeps the Java type of a nested document. */
	String TYPE_KEY = "_class";

	String message() default "must be an object nested at most " + MAX_DEPTH + " levels, with names of 1 to "
			+ MAX_KEY_LENGTH + " characters (no '.', no leading '$', not '_class') and numbers within 64 bits";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<Specifications, Map<String, Object>> {

		@Override
		public boolean isValid(Map<String, Object> value, ConstraintValidatorContext context) {
			return value == null || isValid(value, 1);
		}

		private static boolean isValid(Object value, int depth) {
			if (value instanceof Map<?, ?> map) {
				return depth <= MAX_DEPTH && map.entrySet()
					.stream()
					.allMatch((entry) -> isValidName(entry.getKey().toString()) && isValid(entry.getValue(), depth + 1));
			}
			if (value instanceof List<?> list) {
				return depth <= MAX_DEPTH && list.stream().allMatch((item) -> isValid(item, depth + 1));
			}
			if (value instanceof Double number) {
				return Double.isFinite(number);
			}
			return value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
					|| value instanceof Long;
		}

		private static boolean isValidName(String name) {
			return !name.isEmpty() && name.length() <= MAX_KEY_LENGTH && name.indexOf('.') < 0 && name.indexOf('\0') < 0
					&& !name.startsWith("$") && !name.equals(TYPE_KEY);
		}

	}

}
