package com.ecommerce.localstack;

import static com.ecommerce.localstack.DeploymentFiles.COMPOSE;
import static com.ecommerce.localstack.DeploymentFiles.environment;
import static com.ecommerce.localstack.DeploymentFiles.healthcheck;
import static com.ecommerce.localstack.DeploymentFiles.instructions;
import static com.ecommerce.localstack.DeploymentFiles.map;
import static com.ecommerce.localstack.DeploymentFiles.read;
import static com.ecommerce.localstack.DeploymentFiles.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml's deployment rules: only the APIs are published, there is no default secret, and every program
 * logs in with the least it needs (the services as MongoDB's application user, RabbitMQ's user not an
 * administrator). Read without a Docker engine; {@code docker compose config} itself is run by {@code .ci/run}.
 */
class ComposeFileTests {

	/** The servers' API ports, the only ports published on the host: the gateway's, and the services' for development. */
	private static final Map<String, String> API_PORTS = Map.of("customer-service", "3001", "product-service", "3002",
			"order-service", "3003", "payment-service", "3004", "transaction-worker", "3005", "auth-service", "3006",
			"api-gateway", "8080");

	/** Zipkin, Prometheus and Grafana: no API of the shop, published on the host's loopback only. */
	private static final Map<String, List<String>> OBSERVING_PORTS = Map.of("zipkin", List.of("127.0.0.1:9411:9411"),
			"prometheus", List.of("127.0.0.1:9090:9090"), "grafana", List.of("127.0.0.1:3030:3000"));

	/** Actuator's port of each server (a service's: the API's + 6000), reachable on the compose network only. */
	private static final Map<String, String> MANAGEMENT_PORTS = Map.of("customer-service", "9001", "product-service",
			"9002", "order-service", "9003", "payment-service", "9004", "transaction-worker", "9005", "auth-service",
			"9006", "api-gateway", "9080");

	/** Where the gateway finds each service: its name and API port on the compose network. */
	private static final Map<String, String> GATEWAY_UPSTREAMS = Map.of("CUSTOMER_SERVICE_URL",
			"http://customer-service:3001", "PRODUCT_SERVICE_URL", "http://product-service:3002", "ORDER_SERVICE_URL",
			"http://order-service:3003", "PAYMENT_SERVICE_URL", "http://payment-service:3004", "TRANSACTION_WORKER_URL",
			"http://transaction-worker:3005", "AUTH_SERVICE_URL", "http://auth-service:3006");

	/** The servers that accept auth-service's tokens. */
	private static final List<String> RESOURCE_SERVERS = List.of("customer-service", "product-service",
			"order-service", "payment-service", "transaction-worker");

	private static final String ISSUER = "http://auth-service:3006";

	/** Whatever the name of a variable with one of these in it, it holds a credential and has no default. */
	private static final Pattern CREDENTIAL_NAME = Pattern.compile("PASSWORD|SECRET|USER|HASH");

	/** Every variable compose requires: {@code env.example} has a placeholder for each. */
	private static final Set<String> REQUIRED = Set.of("MONGO_ROOT_USER", "MONGO_ROOT_PASSWORD", "MONGO_APP_USER",
			"MONGO_APP_PASSWORD", "REDIS_PASSWORD", "RABBITMQ_USER", "RABBITMQ_PASSWORD", "AUTH_STOREFRONT_SECRET_HASH",
			"AUTH_BACKOFFICE_SECRET_HASH", "AUTH_ORDER_SERVICE_SECRET_HASH", "ORDER_SERVICE_CLIENT_SECRET",
			"GRAFANA_ADMIN_USER", "GRAFANA_ADMIN_PASSWORD");

	/** {@code ${NAME}}, {@code ${NAME:-default}} or {@code ${NAME:?message}}; {@code $$} is a literal dollar. */
	private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{(\\w+)(?:(:?[-?])([^}]*))?}");

	private static final String REQUIRED_VARIABLE = "\\$\\{%s:\\?[^}]+}";

	private static final Pattern APP_USERS_MONGODB_URI = Pattern.compile("mongodb://" + required("MONGO_APP_USER") + ":"
			+ required("MONGO_APP_PASSWORD") + "@mongodb:27017/ecommerce\\?authSource=ecommerce");

	private static final Pattern RABBITMQ_URI = Pattern
		.compile("amqp://" + required("RABBITMQ_USER") + ":" + required("RABBITMQ_PASSWORD") + "@rabbitmq:5672");

	@Test
	void onlyTheApisArePublishedNotTheStoresNorTheManagementPorts() {
		for (String name : map(COMPOSE, "services").keySet()) {
			String port = API_PORTS.get(name);
			Object expected = (port != null) ? List.of(port + ":" + port) : OBSERVING_PORTS.get(name);
			assertThat(service(name).get("ports")).as(name + " ports").isEqualTo(expected);
			assertThat(service(name).get("network_mode")).as(name + " on the host's network").isNull();
		}
		for (String store : List.of("mongodb", "redis", "rabbitmq")) {
			assertThat(service(store)).as(store + ": on the compose network only").doesNotContainKey("ports");
		}
	}

	@Test
	void everyServerHasItsManagementPortAndTheApiDescriptionOnlyWhenEnabled() {
		MANAGEMENT_PORTS.forEach((server, port) -> {
			assertThat(environment(server)).as(server)
				.containsEntry("MANAGEMENT_SERVER_PORT", port)
				.containsEntry("SPRINGDOC_API_DOCS_ENABLED", "${SPRINGDOC_ENABLED:-false}")
				.containsEntry("SPRINGDOC_SWAGGER_UI_ENABLED", "${SPRINGDOC_ENABLED:-false}");
			assertThat(String.valueOf(service(server).get("ports"))).as(server + " ports").doesNotContain(port);
			// Readiness stays on the API's port (server:/readyz), where the healthcheck asks.
			assertThat(healthcheck(server)).contains("http://localhost:" + API_PORTS.get(server) + "/readyz");
		});
	}

	@Test
	void everyCredentialIsARequiredVariableWithoutDefault() {
		Map<String, Variable> variables = variables();
		variables.values()
			.stream()
			.filter((variable) -> CREDENTIAL_NAME.matcher(variable.name()).find())
			.forEach((variable) -> assertThat(variable.operator()).as(variable.name() + ": ${VAR:?message}, no default")
				.isEqualTo(":?"));
		assertThat(variables.values().stream().filter(Variable::required).map(Variable::name))
			.containsExactlyInAnyOrderElementsOf(REQUIRED);
		variables.values()
			.stream()
			.filter(Variable::required)
			.forEach((variable) -> assertThat(variable.value()).as(variable.name() + "'s message says what to do")
				.contains("copy env.example to .env"));
		assertThat(variables.values()).as("every variable has a default or is required")
			.allMatch((variable) -> variable.operator() != null);
		// A bare $NAME would be a variable too, empty when unset.
		assertThat(Pattern.compile("(?<!\\$)\\$(?![{$])").matcher(String.join("\n", strings(COMPOSE))).find())
			.as("a variable without braces")
			.isFalse();
	}

	@Test
	void noProgramGetsALiteralCredential() {
		Pattern credentialKey = Pattern.compile("USER|PASS|SECRET|HASH|_AUTH$");
		map(COMPOSE, "services").keySet().forEach((service) -> environment(service).forEach((key, value) -> {
			if (credentialKey.matcher(key).find()) {
				assertThat(String.valueOf(value)).as(service + " " + key).matches(required("\\w+"));
			}
		}));
		for (String service : List.of("payment-service", "transaction-worker")) {
			assertThat(String.valueOf(environment(service).get("RABBITMQ_URI"))).as(service + " RABBITMQ_URI")
				.matches(RABBITMQ_URI);
		}
		List<?> redis = (List<?>) service("redis").get("command");
		assertThat(String.valueOf(redis.get(redis.indexOf("--requirepass") + 1))).as("redis --requirepass")
			.matches(required("REDIS_PASSWORD"))
			.isEqualTo(environment("customer-service").get("REDIS_PASSWORD"))
			.isEqualTo(environment("redis").get("REDISCLI_AUTH"));
	}

	@Test
	void theServicesAndTheSeedLogInToMongoDbAsTheApplicationsUserNotRoot() {
		for (String service : RESOURCE_SERVERS) {
			assertThat(String.valueOf(environment(service).get("MONGODB_URI"))).as(service + " MONGODB_URI")
				.matches(APP_USERS_MONGODB_URI);
		}
		assertThat(String.valueOf(((List<?>) service("seed").get("command")).get(1))).as("the seed's database")
			.matches(APP_USERS_MONGODB_URI);
		map(COMPOSE, "services").forEach((name, service) -> {
			if (!name.equals("mongodb")) {
				assertThat(strings(service)).as(name + ": only mongodb knows root")
					.noneMatch((value) -> value.contains("MONGO_ROOT_"));
			}
		});

		// The mongo image runs /docker-entrypoint-initdb.d/*.js as root when its volume is empty.
		assertThat(environment("mongodb")).containsEntry("MONGO_INITDB_ROOT_USERNAME", variable("MONGO_ROOT_USER"))
			.containsEntry("MONGO_INITDB_ROOT_PASSWORD", variable("MONGO_ROOT_PASSWORD"))
			.containsEntry("MONGO_APP_USER", variable("MONGO_APP_USER"))
			.containsEntry("MONGO_APP_PASSWORD", variable("MONGO_APP_PASSWORD"));
		String[] mount = ((List<?>) service("mongodb").get("volumes")).stream()
			.map(String::valueOf)
			.filter((volume) -> volume.contains(":/docker-entrypoint-initdb.d/"))
			.findFirst()
			.orElseThrow()
			.split(":");
		assertThat(mount).as("the init script, read-only").hasSize(3).endsWith("ro");
		assertThat(mount[1]).endsWith(".js");
		String script = read(mount[0]);
		assertThat(script).contains("process.env.MONGO_APP_USER", "process.env.MONGO_APP_PASSWORD",
				"db.getSiblingDB('ecommerce').createUser(");
		Matcher roles = Pattern.compile("roles:\\s*\\[(.*?)]", Pattern.DOTALL).matcher(script);
		assertThat(roles.results().map((result) -> result.group(1).strip())).as("readWrite on ecommerce, nothing else")
			.containsExactly("{ role: 'readWrite', db: 'ecommerce' }");
	}

	@Test
	void rabbitMqHasOnlyTheServicesUserAndItIsNotAnAdministrator() {
		assertThat(environment("rabbitmq")).containsOnly(Map.entry("RABBITMQ_DEFAULT_USER", variable("RABBITMQ_USER")),
				Map.entry("RABBITMQ_DEFAULT_PASS", variable("RABBITMQ_PASSWORD")));
		// The default user's tags come from a config file written before the image's entrypoint starts the server.
		String command = ((List<?>) service("rabbitmq").get("command")).stream()
			.map(String::valueOf)
			.collect(Collectors.joining(" "));
		assertThat(command).startsWith("sh -c ")
			.contains("echo 'default_user_tags.administrator = false' > /etc/rabbitmq/conf.d/")
			.endsWith("&& exec docker-entrypoint.sh rabbitmq-server");
		assertThat(healthcheck("rabbitmq")).isEqualTo("CMD rabbitmq-diagnostics -q ping");
	}

	@Test
	void authServiceIsBuiltLikeTheOthersAndKeepsItsSigningKeyInAVolumeItsUserOwns() {
		Map<String, Object> auth = service("auth-service");
		assertThat(map(auth, "build")).containsEntry("context", ".")
			.containsEntry("dockerfile", "Dockerfile")
			.containsEntry("args", Map.of("MODULE", "auth-service", "PORT", "3006"));
		assertThat(healthcheck("auth-service")).contains("http://localhost:3006/readyz");
		assertThat(environment("auth-service")).containsEntry("AUTH_ISSUER", ISSUER)
			.containsEntry("AUTH_SIGNING_KEY_FILE", "/var/lib/auth/signing-key.pem")
			.containsEntry("AUTH_CREATE_SIGNING_KEY", "true")
			.containsEntry("AUTH_STOREFRONT_SECRET_HASH", variable("AUTH_STOREFRONT_SECRET_HASH"))
			.containsEntry("AUTH_BACKOFFICE_SECRET_HASH", variable("AUTH_BACKOFFICE_SECRET_HASH"))
			.containsEntry("AUTH_ORDER_SERVICE_SECRET_HASH", variable("AUTH_ORDER_SERVICE_SECRET_HASH"));
		assertThat(auth.get("volumes")).isEqualTo(List.of("auth_keys:/var/lib/auth"));
		assertThat(map(COMPOSE, "volumes")).containsKey("auth_keys");
		// A named volume new to Docker takes the owner of the image's directory: the runtime's user (app) must own it.
		List<String> instructions = instructions(read("Dockerfile"));
		List<String> runtime = instructions.subList(instructions.lastIndexOf("FROM eclipse-temurin:21-jre"),
				instructions.size());
		assertThat(runtime).anyMatch((line) -> line.startsWith("RUN") && line.contains("install -d -o app -g app")
				&& line.contains("/var/lib/auth"));
	}

	@Test
	void everyOtherServerAcceptsAuthServicesTokensAndOrderServiceHasItsClientSecret() {
		for (String server : RESOURCE_SERVERS) {
			assertThat(environment(server)).as(server).containsEntry("AUTH_ISSUER", ISSUER);
		}
		assertThat(environment("order-service")).containsEntry("ORDER_SERVICE_CLIENT_SECRET",
				variable("ORDER_SERVICE_CLIENT_SECRET"));
	}

	@Test
	void theGatewayReachesEveryServiceOnTheNetworkChecksTokensOfAuthServiceAndLimitsRatesInRedis() {
		assertThat(environment("api-gateway")).containsAllEntriesOf(GATEWAY_UPSTREAMS)
			.containsEntry("AUTH_ISSUER", ISSUER)
			.containsEntry("REDIS_HOST", "redis")
			.containsEntry("REDIS_PASSWORD", environment("customer-service").get("REDIS_PASSWORD"))
			.containsKeys("GATEWAY_RATE_LIMIT_REPLENISH_RATE", "GATEWAY_RATE_LIMIT_BURST_CAPACITY")
			.doesNotContainKeys("MONGODB_URI", "RABBITMQ_URI");
		assertThat(map(map(service("api-gateway"), "build"), "args")).isEqualTo(Map.of("MODULE", "api-gateway", "PORT",
				"8080"));
	}

	@Test
	void theDockerfileHasTheModulesAndSourcesOfEveryImageComposeBuilds() {
		List<String> instructions = instructions(read("Dockerfile"));
		map(COMPOSE, "services").keySet().forEach((service) -> {
			Object module = map(map(service(service), "build"), "args").get("MODULE");
			if (module != null) {
				assertThat(instructions).as(service)
					.contains("COPY " + module + "/pom.xml " + module + "/",
							"COPY " + module + "/src/ " + module + "/src/");
			}
		});
	}

	@Test
	void envExampleHasComposesDefaultsAndAPlaceholderForEveryRequiredVariable() {
		Map<String, String> env = read("env.example").lines()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.map((line) -> line.split("=", 2))
			.collect(Collectors.toMap((pair) -> pair[0], (pair) -> pair[1], (a, b) -> a, LinkedHashMap::new));
		Map<String, Variable> variables = variables();
		Set<String> expected = new TreeSet<>(variables.keySet());
		expected.add("COMPOSE_PROJECT_NAME");
		assertThat(new TreeSet<>(env.keySet())).as("env.example: compose's variables, no others").isEqualTo(expected);
		variables.values().forEach((variable) -> {
			String value = env.get(variable.name());
			if (variable.required()) {
				// A hash has '$' in it: single quotes keep compose from reading it as a variable.
				boolean hash = variable.name().endsWith("_HASH");
				if (hash) {
					assertThat(value).as(variable.name() + " in single quotes").matches("'[^']+'");
				}
				assertThat(hash ? value.substring(1, value.length() - 1) : value)
					.as(variable.name() + ": a placeholder, obviously not a real value")
					.startsWith("change-me-");
			}
			else {
				assertThat(value).as(variable.name() + ": compose's default").isEqualTo(variable.value());
			}
		});
		assertThat(read("env.example")).as("how to make the secrets")
			.contains("openssl rand -base64 24 | tr '+/' '-_'", "scripts/stack hash-secret");
	}

	// ---- helpers ----

	/** A variable as docker-compose.yml uses it: operator {@code :-} (value = default) or {@code :?} (message). */
	private record Variable(String name, String operator, String value) {

		boolean required() {
			return ":?".equals(this.operator);
		}

	}

	/** Every variable in the file's values (comments are not read), each written the same way wherever it is used. */
	private static Map<String, Variable> variables() {
		Map<String, Variable> variables = new LinkedHashMap<>();
		for (String value : strings(COMPOSE)) {
			Matcher matcher = VARIABLE.matcher(value);
			while (matcher.find()) {
				Variable variable = new Variable(matcher.group(1), matcher.group(2), matcher.group(3));
				Variable before = variables.putIfAbsent(variable.name(), variable);
				assertThat(before).as(variable.name() + " written the same everywhere").isIn(null, variable);
			}
		}
		return variables;
	}

	/** The string values in a parsed YAML node and below it. */
	private static List<String> strings(Object node) {
		List<String> strings = new ArrayList<>();
		if (node instanceof Map<?, ?> map) {
			map.values().forEach((value) -> strings.addAll(strings(value)));
		}
		else if (node instanceof List<?> list) {
			list.forEach((value) -> strings.addAll(strings(value)));
		}
		else if (node instanceof String string) {
			strings.add(string);
		}
		return strings;
	}

	/** How docker-compose.yml writes a required variable, e.g. {@code ${REDIS_PASSWORD:?copy env.example …}}. */
	private static String variable(String name) {
		Variable variable = variables().get(name);
		assertThat(variable).as(name).isNotNull();
		return "${" + name + variable.operator() + variable.value() + "}";
	}

	/** A regular expression for {@code ${NAME:?message}}. */
	private static String required(String name) {
		return REQUIRED_VARIABLE.formatted(name);
	}

}
