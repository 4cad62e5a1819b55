package com.ecommerce.product;

/** Request bodies for the tests, starting from the seed's example. */
final class ProductBodies {

	private ProductBodies() {
	}

	/** The seed's create example, with weight and dimensions. */
	static String seed() {
		return """
				{
				  "name": "MacBook Pro 14-inch",
				  "description": "Apple MacBook Pro with M2 chip",
				  "price": 199900,
				  "category": "Electronics",
				  "brand": "Apple",
				  "stock": 50,
				  "weight": 1.6,
				  "dimensions": {
				    "length": 31.26,
				    "width": 22.12,
				    "height": 1.55
				  }
				}""";
	}

	static String product(String name, String category, String brand, long price, int stock) {
		return """
				{"name": "%s", "price": %d, "category": "%s", "brand": "%s", "stock": %d}"""
			.formatted(name, price, category, brand, stock);
	}

	static String reserve(String orderId, int quantity) {
		return """
				{"quantity": %d, "orderId": "%s"}""".formatted(quantity, orderId);
	}

	static String commit(String orderId) {
		return """
				{"orderId": "%s"}""".formatted(orderId);
	}

}
