package com.ecommerce.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.DynamicPropertyRegistry;

import com.ecommerce.customer.CustomerServiceApplication;
import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.TestAuthority;
import com.ecommerce.infrastructure.InfrastructureProperties;
import com.ecommerce.infrastructure.WithInfrastructure.Service;
import com.ecommerce.payment.PaymentServiceApplication;
import com.ecommerce.product.Product;
import com.ecommerce.product.ProductServiceApplication;
import com.ecommerce.shared.Ids;
import com.ecommerce.shared.Times;

/**
 * customer-, product- and payment-service: the real applications, each in this JVM on a random port with a database
 * of its own, started once and shared by every test class that needs them. Their payment gateway never declines at
 * random ({@code test_declined} still declines), so outcomes are decided by the tests.
 */
final class Downstreams {

	private static Downstreams running;

	private final ConfigurableApplicationContext customerService;

	private final ConfigurableApplicationContext productService;

	private final ConfigurableApplicationContext paymentService;

	private Downstreams() {
		Set<Service> all = EnumSet.allOf(Service.class);
		this.customerService = start(CustomerServiceApplication.class, "customer-service", all, Map.of());
		this.productService = start(ProductServiceApplication.class, "product-service", all, Map.of());
		this.paymentService = start(PaymentServiceApplication.class, "payment-service", all,
				Map.of("payment.gateway.failure-rate", "0", "spring.rabbitmq.publisher-confirm-type", "correlated"));
	}

	static synchronized Downstreams get() {
		if (running == null) {
			running = new Downstreams();
		}
		return running;
	}

	/** Points order-service at the three services, through the proxies given for any of them. */
	static void register(DynamicPropertyRegistry registry, FaultyProxy... inFront) {
		registry.add("order.services.customer-url", () -> reached(get().customerUrl(), inFront));
		registry.add("order.services.product-url", () -> reached(get().productUrl(), inFront));
		registry.add("order.services.payment-url", () -> reached(get().paymentUrl(), inFront));
	}

	private static String reached(String url, FaultyProxy[] inFront) {
		for (FaultyProxy proxy : inFront) {
			if (proxy.target().equals(url)) {
				return proxy.url();
			}
		}
		return url;
	}

	String customerUrl() {
		return url(this.customerService);
	}

	String productUrl() {
		return url(this.productService);
	}

	String paymentUrl() {
		return url(this.paymentService);
	}

	ApiClient customers() {
		return new ApiClient(port(this.customerService));
	}

	ApiClient products() {
		return new ApiClient(port(this.productService));
	}

	ApiClient payments() {
		return new ApiClient(port(this.paymentService));
	}

	/** A new customer; returns its id. */
	String newCustomer() {
		String email = "buyer-" + UUID.randomUUID() + "@example.com";
		ApiClient.Response created = customers().post("/api/v1/customers", """
				{"firstName": "Ada", "lastName": "Buyer", "email": "%s", "phone": "+1234567890",
				 "address": {"street": "1 Main St", "city": "Springfield", "state": "IL", "zipCode": "62701",
				             "country": "USA"}}""".formatted(email));
		return dataField(created, 201, "customerId");
	}

	/** A new product with this price (cents) and stock; returns its id. */
	String newProduct(long price, int stock) {
		ApiClient.Response created = products().post("/api/v1/products", """
				{"name": "Test product", "price": %d, "category": "Testing", "brand": "Acme", "stock": %d}"""
			.formatted(price, stock));
		return dataField(created, 201, "productId");
	}

	/**
	 * A product written straight into product-service's store, with a price its API would refuse (one stored before
	 * prices were bounded); returns its id.
	 */
	String storedProduct(long price, int stock) {
		Instant now = Times.now();
		String id = Ids.product();
		this.productService.getBean(MongoOperations.class)
			.insert(new Product(id, "Stored product", null, price, "Testing", "Acme", stock, 0, null, null, null, null,
					true, now, now, null, 1, 0, List.of()));
		return id;
	}

	/** The product as product-service has it now. */
	JsonNode product(String productId) {
		return products().get("/api/v1/products/" + productId).json().get("data");
	}

	int stock(String productId) {
		return product(productId).get("stock").asInt();
	}

	int reservedStock(String productId) {
		return product(productId).get("reservedStock").asInt();
	}

	/** Every payment payment-service has for the order. */
	List<JsonNode> paymentsOf(String orderId) {
		JsonNode payments = payments().get("/api/v1/payments/order/" + orderId).json().get("data");
		return StreamSupport.stream(payments.spliterator(), false).toList();
	}

	private static String dataField(ApiClient.Response response, int status, String field) {
		if (response.status() != status) {
			throw new IllegalStateException("Expected " + status + " but got " + response.status() + ": " + response.body());
		}
		return response.json().at("/data/" + field).asString();
	}

	private static ConfigurableApplicationContext start(Class<?> application, String name, Set<Service> services,
			Map<String, String> extra) {
		// Command-line arguments: they win over order-service's application.yml, which is first on this classpath.
		List<String> args = new ArrayList<>();
		args.add("--server.port=0");
		args.add("--spring.application.name=" + name);
		InfrastructureProperties.of(services).forEach((key, value) -> args.add("--" + key + "=" + value));
		TestAuthority.properties().forEach((key, value) -> args.add("--" + key + "=" + value));
		extra.forEach((key, value) -> args.add("--" + key + "=" + value));
		return new SpringApplicationBuilder(application).run(args.toArray(String[]::new));
	}

	private static String url(ConfigurableApplicationContext context) {
		return "http://127.0.0.1:" + port(context);
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
