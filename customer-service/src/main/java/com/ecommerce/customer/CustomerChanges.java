package com.ecommerce.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The body of {@code PUT /api/v1/customers/{id}}: any subset of the create fields, each checked as on create when
 * present; an address, if given, is given whole.
 */
public record CustomerChanges(@Size(min = 1, max = 50) @Pattern(regexp = CustomerRules.NOT_BLANK, message = "must not be blank") String firstName,
		@Size(min = 1, max = 50) @Pattern(regexp = CustomerRules.NOT_BLANK, message = "must not be blank") String lastName,
		@Size(max = 254) @Email(regexp = CustomerRules.EMAIL, message = CustomerRules.EMAIL_MESSAGE) String email,
		@Pattern(regexp = CustomerRules.PHONE, message = CustomerRules.PHONE_MESSAGE) String phone,
		@Valid Address address) {

	@JsonIgnore
	@AssertTrue(message = "must change at least one field")
	public boolean isBody() {
		return this.firstName != null || this.lastName != null || this.email != null || this.phone != null
				|| this.address != null;
	}

}
