package com.ecommerce.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

import com.ecommerce.infrastructure.ApiClient;
import com.ecommerce.infrastructure.ApiClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what, generated rather than hand-listed: every operation of every service's OpenAPI document, called
 * with no token, an expired one, one signed by a key auth-service does not publish, one from another issuer, and the
 * tokens of the three clients. The expected answer of each cell comes from the route table of docs/security.md: a
 * refusal is 401 {@code UNAUTHORIZED} or 403 {@code FORBIDDEN} in the envelope; a call the table allows may answer
 * anything else (the ids are made up and the bodies empty, so mostly 400 or 404: nothing is changed). An operation
 * without a row, or a row without an operation, fails the test.
 */
class AccessMatrixTests {

	private static final List<String> CLIENTS = List.of("storefront", "backoffice", "order-service");

	private static final Path TABLE = Path.of("docs", "security.md");

	private static final Pattern ROW = Pattern
		.compile("^\\| ([a-z-]+) \\| (GET|POST|PUT|DELETE|PATCH) \\| `([^`]+)` \\| ([a-z, -]+) \\|$");

	private final StackUrls urls = StackUrls.fromEnvironment();

	private final StackTokens tokens = StackTokens.fromEnvironment();

	private final StackSigningKey forged = StackSigningKey.read();

	/** A row: who may call {@code method path}; an empty set is anyone. */
	record Rule(String service, String method, String path, Set<String> scopes) {

		String operation() {
			return this.service + " " + this.method + " " + pathWithoutQuery();
		}

		String pathWithoutQuery() {
			int query = this.path.indexOf('?');
			return (query < 0) ? this.path : this.path.substring(0, query);
		}

	}

	/** A caller of the matrix: its name, its token (null: none), and the scope the token would carry. */
	record Caller(String name, Supplier<String> token, String scope, boolean valid) {
	}

	@Test
	void everyOperationOfEveryServiceHasARowAndEveryRowAnOperation() {
		Set<String> documented = new TreeSet<>();
		rules().forEach((rule) -> documented.add(rule.operation()));
		Set<String> served = new TreeSet<>(operations());
		assertThat(served).as("operations without a row in docs/security.md").isSubsetOf(documented);
		assertThat(documented).as("rows of docs/security.md without an operation").isSubsetOf(served);
	}

	@TestFactory
	Stream<DynamicTest> everyCellOfTheMatrix() {
		List<Caller> callers = callers();
		List<DynamicTest> cells = new ArrayList<>();
		for (Rule rule : rules()) {
			for (Caller caller : callers) {
				cells.add(DynamicTest.dynamicTest(rule.method() + " " + rule.path() + " as " + caller.name(),
						() -> assertCell(rule, caller)));
			}
		}
		return cells.stream();
	}

	private void assertCell(Rule rule, Caller caller) {
		ApiClient client = new ApiClient(url(rule.service()));
		if (caller.token() != null) {
			client = client.withToken(caller.token());
		}
		String path = concrete(rule.path());
		Response response = switch (rule.method()) {
			case "GET" -> client.get(path);
			case "DELETE" -> client.delete(path);
			case "POST" -> client.post(path, "{}");
			case "PUT" -> client.put(path, "{}");
			default -> throw new IllegalArgumentException(rule.method());
		};
		boolean anyone = rule.scopes().isEmpty();
		if (caller.token() != null && !caller.valid()) {
			assertRefused(response, 401, "UNAUTHORIZED"); // a bad token is refused even where none is needed
		}
		else if (caller.token() == null) {
			if (anyone) {
				assertServed(response);
			}
			else {
				assertRefused(response, 401, "UNAUTHORIZED");
			}
		}
		else if (anyone || rule.scopes().contains(caller.scope())) {
			assertServed(response);
		}
		else {
			assertRefused(response, 403, "FORBIDDEN");
		}
	}

	private static void assertServed(Response response) {
		assertThat(response.status()).as(response.body()).isNotIn(401, 403).isLessThan(500);
	}

	private static void assertRefused(Response response, int status, String code) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		JsonNode body = response.json();
		assertThat(body.get("code").asString()).isEqualTo(code);
		assertThat(body.get("requestId").asString()).isNotBlank();
		if (status == 401) {
			assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
		}
	}

	private List<Caller> callers() {
		List<Caller> callers = new ArrayList<>();
		callers.add(new Caller("no token", null, null, false));
		callers.add(new Caller("an expired token", () -> this.forged.expired("backoffice"), "backoffice", false));
		callers.add(new Caller("a token signed by an unknown key", () -> this.forged.signedByAnUnknownKey("backoffice"),
				"backoffice", false));
		callers.add(new Caller("a token from another issuer", () -> this.forged.fromAnotherIssuer("backoffice"),
				"backoffice", false));
		for (String client : CLIENTS) {
			callers.add(new Caller(client, this.tokens.of(client), client, true));
		}
		return callers;
	}

	/** The rows of docs/security.md's route table. */
	static List<Rule> rules() {
		List<Rule> rules = new ArrayList<>();
		try {
			for (String line : Files.readAllLines(TABLE)) {
				Matcher row = ROW.matcher(line.strip());
				if (row.matches()) {
					Set<String> scopes = row.group(4).equals("anyone") ? Set.of()
							: new HashSet<>(Arrays.asList(row.group(4).split(",\\s*")));
					rules.add(new Rule(row.group(1), row.group(2), row.group(3), scopes));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(TABLE.toAbsolutePath() + " not readable: run from the repository root", ex);
		}
		assertThat(rules).as("rows in " + TABLE).isNotEmpty();
		return rules;
	}

	/** "service METHOD /path" of every operation the services' OpenAPI documents describe. */
	private List<String> operations() {
		List<String> operations = new ArrayList<>();
		services().forEach((service, url) -> {
			Response document = new ApiClient(url).get("/v3/api-docs");
			assertThat(document.status()).as(service + " /v3/api-docs").isEqualTo(200);
			document.json().get("paths").properties().forEach((path) -> path.getValue().properties().forEach(
					(operation) -> operations.add(service + " " + operation.getKey().toUpperCase() + " " + path.getKey())));
		});
		return operations;
	}

	private Map<String, String> services() {
		Map<String, String> services = new LinkedHashMap<>();
		services.put("customer-service", this.urls.customers());
		services.put("product-service", this.urls.products());
		services.put("order-service", this.urls.orders());
		services.put("payment-service", this.urls.payments());
		services.put("transaction-worker", this.urls.transactions());
		return services;
	}

	private String url(String service) {
		String url = services().get(service);
		assertThat(url).as("a service named in docs/security.md: " + service).isNotNull();
		return url;
	}

	/** The path with made-up ids of the right shape for its parameters (and a value for a query rule). */
	private static String concrete(String template) {
		String hex = Long.toHexString(System.nanoTime()) + "0000000000000000";
		hex = hex.substring(0, 24);
		return template.replace("{customerId}", hex)
			.replace("{productId}", "prod_" + hex)
			.replace("{orderId}", "ord_" + hex)
			.replace("{paymentId}", "pay_" + hex)
			.replace("{transactionId}", "txn_" + hex)
			.replace("{category}", "Test")
			.replace("{brand}", "Acme")
			.replace("?orderId=", "?orderId=ord_" + hex);
	}

}
