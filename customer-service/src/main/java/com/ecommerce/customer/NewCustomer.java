package com.ecommerce.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/customers}: every field required. */
public record NewCustomer(@NotBlank @Size(max = 50) String firstName, @NotBlank @Size(max = 50) String lastName,
		@NotBlank @Size(max = 254) @Email(regexp = CustomerRules.EMAIL, message = CustomerRules.EMAIL_MESSAGE) String email,
		@NotBlank @Pattern(regexp = CustomerRules.PHONE, message = CustomerRules.PHONE_MESSAGE) String phone,
		@NotNull @Valid Address address) {
}
