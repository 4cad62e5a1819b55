package com.ecommerce.order;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The optional body of {@code POST /api/v1/orders/{orderId}/refund}: whether the goods come back to stock (default
 * no). Unlike the other bodies (Jackson 3 ignores unknown fields by default), an unknown field is a 400 naming it: a
 * misspelt {@code restock} would otherwise refund without restocking, and a refund can't be undone.
 */
public record RefundRequest(Boolean restock) {

	boolean restockOrDefault() {
		return Boolean.TRUE.equals(this.restock);
	}

	@JsonAnySetter
	void unknown(String field, Object value) {
		UnrecognizedPropertyException unknown = new UnrecognizedPropertyException(null,
				"Unrecognized field \"" + field + "\"", null, RefundRequest.class, field, List.of("restock"));
		unknown.prependPath(RefundRequest.class, field);
		throw unknown;
	}

}
