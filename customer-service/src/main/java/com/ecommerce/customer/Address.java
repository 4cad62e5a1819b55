package com.ecommerce.customer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A postal address; always given whole. */
public record Address(@NotBlank @Size(max = 100) String street, @NotBlank @Size(max = 50) String city,
		@NotBlank @Size(max = 50) String state, @NotBlank @Size(max = 20) String zipCode,
		@NotBlank @Size(max = 50) String country) {
}
