package com.ecommerce.customer;

/** Request bodies for the tests, starting from the seed's example. */
final class CustomerBodies {

	private CustomerBodies() {
	}

	static String valid(String email) {
		return """
				{
				  "firstName": "John",
				  "lastName": "Doe",
				  "email": "%s",
				  "phone": "+1234567890",
				  "address": {
				    "street": "123 Main St",
				    "city": "New York",
				    "state": "NY",
				    "zipCode": "10001",
				    "country": "USA"
				  }
				}""".formatted(email);
	}

}
