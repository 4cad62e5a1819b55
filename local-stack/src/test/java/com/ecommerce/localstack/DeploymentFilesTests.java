package com.ecommerce.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Docker deployment files at the repository root ({@code docker-compose.yml}, {@code env.example},
 * {@code init-mongo.js}, the services' Dockerfiles, {@code seed/seed-data.json}) against the rules they must keep.
 * No Docker engine is needed: the files are read and checked as text and YAML. Each check collects every problem it
 * finds, and the {@code reports...} tests break a file on purpose to show that the check notices.
 */
class DeploymentFilesTests {

	private static final Path ROOT = findRoot();

	/** The services, their ports and what they use. */
	private static final Map<String, Service> SERVICES = new LinkedHashMap<>();

	static {
		SERVICES.put("customer-service", new Service(3001, List.of("mongodb", "redis"), List.of()));
		SERVICES.put("product-service", new Service(3002, List.of("mongodb", "redis"), List.of()));
		SERVICES.put("order-service", new Service(3003, List.of("mongodb", "redis"),
				List.of("customer-service", "product-service", "payment-service")));
		SERVICES.put("payment-service", new Service(3004, List.of("mongodb", "rabbitmq"), List.of()));
		SERVICES.put("transaction-worker", new Service(3005, List.of("mongodb", "rabbitmq"), List.of()));
	}

	private static final List<String> INFRASTRUCTURE = List.of("mongodb", "redis", "rabbitmq");

	private static final List<String> COLLECTIONS = List.of("customers", "products", "orders", "payments",
			"transactionhistories", "stock_movements", "idempotency_keys");

	/** {@code ${NAME...}} not escaped as {@code $${...}}. */
	private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([^}]*)}");

	/** {@code $NAME} without braces, which can't carry a default. */
	private static final Pattern BARE_VARIABLE = Pattern.compile("(?<!\\$)\\$(?![{$])[A-Za-z_]");

	private static final Pattern DEFAULTED = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*):-(.*)", Pattern.DOTALL);

	private static final Pattern ENV_LINE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)");

	// ---- the files as they are ----

	@Test
	void composeHasTheInfrastructureAndTheServicesWiredTogether() {
		assertThat(composeProblems(read("docker-compose.yml"))).isEmpty();
	}

	@Test
	void everyComposeVariableHasADefaultAndIsInEnvExampleWithTheSameDefault() {
		assertThat(variableProblems(read("docker-compose.yml"), read("env.example"))).isEmpty();
	}

	@Test
	void everyServiceHasAMultiStageNonRootDockerfileThatBuildsItsOwnModule() {
		Map<String, String> dockerfiles = new LinkedHashMap<>();
		SERVICES.keySet().forEach((name) -> dockerfiles.put(name, read(name + "/Dockerfile")));
		assertThat(dockerfileProblems(dockerfiles)).isEmpty();
	}

	@Test
	void initMongoCreatesEveryCollectionAndTheServicesIndexesAndSeedsFromTheMountedFile() {
		assertThat(initMongoProblems(read("init-mongo.js"), read("docker-compose.yml"), serviceIndexNames()))
			.isEmpty();
	}

	@Test
	void seedDataHasTheSeedCustomersAndProducts() {
		assertThat(seedProblems(read("seed/seed-data.json"))).isEmpty();
	}

	@Test
	void dockerignoreKeepsBuildOutputAndLocalDataOutOfTheContext() {
		List<String> lines = read(".dockerignore").lines().map(String::strip).toList();
		assertThat(lines).contains(".git/", ".local/").anyMatch((line) -> line.contains("target"));
		assertThat(lines).as("the Dockerfiles need the wrapper, poms and sources")
			.doesNotContain("mvnw", ".mvn", ".mvn/", "pom.xml", "**/pom.xml", "**/src", "**/src/", "*");
	}

	// ---- the checks notice broken files ----

	@Test
	void reportsAServiceWithoutReadinessHealthcheckOrHealthyDependency() {
		String compose = read("docker-compose.yml");
		assertThat(composeProblems(change(compose, "http://localhost:3002/readyz", "http://localhost:3002/healthz")))
			.anyMatch((problem) -> problem.contains("product-service") && problem.contains("/readyz"));
		assertThat(composeProblems(change(compose, "      payment-service:\n        condition: service_healthy",
				"      payment-service:\n        condition: service_started")))
			.anyMatch((problem) -> problem.contains("order-service") && problem.contains("payment-service"));
		assertThat(composeProblems(change(compose, "\"3005:3005\"", "\"8080:3005\"")))
			.anyMatch((problem) -> problem.contains("transaction-worker") && problem.contains("3005"));
	}

	@Test
	void reportsAVariableWithoutDefaultOrMissingFromEnvExample() {
		String compose = read("docker-compose.yml");
		String env = read("env.example");
		assertThat(variableProblems(change(compose, "${LOG_LEVEL:-info}", "${LOG_LEVEL}"), env))
			.anyMatch((problem) -> problem.contains("LOG_LEVEL"));
		assertThat(variableProblems(compose, change(env, "\nPAYMENT_LATENCY_MS=0", "\n")))
			.anyMatch((problem) -> problem.contains("PAYMENT_LATENCY_MS"));
		assertThat(variableProblems(compose, change(env, "\nREDIS_DB=0", "\nREDIS_DB=1")))
			.anyMatch((problem) -> problem.contains("REDIS_DB"));
	}

	@Test
	void reportsADockerfileRunningAsRootOrBuildingAnotherModule() {
		Map<String, String> dockerfiles = new LinkedHashMap<>();
		SERVICES.keySet().forEach((name) -> dockerfiles.put(name, read(name + "/Dockerfile")));
		Map<String, String> root = new LinkedHashMap<>(dockerfiles);
		root.put("payment-service", change(root.get("payment-service"), "\nUSER app", "\nUSER root"));
		assertThat(dockerfileProblems(root)).anyMatch((problem) -> problem.contains("payment-service: USER"));
		Map<String, String> other = new LinkedHashMap<>(dockerfiles);
		other.put("order-service", change(other.get("order-service"), "-pl order-service", "-pl product-service"));
		assertThat(dockerfileProblems(other)).anyMatch((problem) -> problem.contains("order-service: -pl"));
		Map<String, String> drifted = new LinkedHashMap<>(dockerfiles);
		drifted.put("transaction-worker", change(drifted.get("transaction-worker"), "--retries=5", "--retries=3"));
		assertThat(dockerfileProblems(drifted)).singleElement()
			.satisfies((problem) -> assertThat(problem).startsWith("transaction-worker/Dockerfile: differs")
				.contains("--retries=3"));
	}

	@Test
	void reportsAnInitScriptMissingAnIndexOrCollection() {
		String init = read("init-mongo.js");
		String compose = read("docker-compose.yml");
		assertThat(initMongoProblems(change(init, "'timestamp_desc'", "'timestamp'"), compose, serviceIndexNames()))
			.anyMatch((problem) -> problem.contains("timestamp_desc"));
		assertThat(initMongoProblems(init.replace("stock_movements", "stockmovements"), compose, serviceIndexNames()))
			.anyMatch((problem) -> problem.contains("stock_movements"));
	}

	// ---- checks ----

	static List<String> composeProblems(String text) {
		List<String> problems = new ArrayList<>();
		Map<String, Object> compose = yaml(text);
		if (compose.containsKey("version")) {
			problems.add("compose: the obsolete 'version' key");
		}
		Map<String, Object> services = map(compose.get("services"));
		Set<String> expected = new LinkedHashSet<>(INFRASTRUCTURE);
		expected.addAll(SERVICES.keySet());
		if (!services.keySet().equals(expected)) {
			problems.add("compose: services " + services.keySet() + ", expected " + expected);
		}
		Map<String, String> images = Map.of("mongodb", "mongo:7", "redis", "redis:7", "rabbitmq",
				"rabbitmq:3.13-management");
		for (String name : INFRASTRUCTURE) {
			Map<String, Object> service = map(services.get(name));
			if (!images.get(name).equals(service.get("image"))) {
				problems.add(name + ": image " + service.get("image") + ", expected " + images.get(name));
			}
			if (healthcheck(service).isEmpty()) {
				problems.add(name + ": no healthcheck");
			}
			if (list(service.get("volumes")).stream().map(String::valueOf).noneMatch((v) -> v.matches("\\w+:/.*"))) {
				problems.add(name + ": no named volume for its data");
			}
		}
		List<String> mongoVolumes = list(map(services.get("mongodb")).get("volumes")).stream()
			.map(String::valueOf)
			.toList();
		if (mongoVolumes.stream().noneMatch((v) -> v.startsWith("./init-mongo.js:/docker-entrypoint-initdb.d/"))) {
			problems.add("mongodb: ./init-mongo.js is not mounted into /docker-entrypoint-initdb.d/");
		}
		if (!String.valueOf(map(services.get("redis")).get("command")).contains("--requirepass")) {
			problems.add("redis: no --requirepass");
		}
		List<String> rabbitPorts = list(map(services.get("rabbitmq")).get("ports")).stream()
			.map(String::valueOf)
			.toList();
		for (String port : List.of("5672", "15672")) {
			if (rabbitPorts.stream().noneMatch((p) -> p.endsWith(":" + port))) {
				problems.add("rabbitmq: port " + port + " not published");
			}
		}
		Map<String, Object> volumes = map(compose.get("volumes"));
		for (String name : List.of("mongodb_data", "redis_data", "rabbitmq_data")) {
			if (!volumes.containsKey(name)) {
				problems.add("compose: no named volume " + name);
			}
		}
		SERVICES.forEach((name, expectation) -> {
			if (services.containsKey(name)) {
				problems.addAll(serviceProblems(name, expectation, map(services.get(name))));
			}
		});
		return problems;
	}

	private static List<String> serviceProblems(String name, Service expected, Map<String, Object> service) {
		List<String> problems = new ArrayList<>();
		String port = String.valueOf(expected.port());
		Map<String, Object> build = map(service.get("build"));
		if (!".".equals(build.get("context")) || !(name + "/Dockerfile").equals(build.get("dockerfile"))) {
			problems.add(name + ": build is not {context: ., dockerfile: " + name + "/Dockerfile}");
		}
		Pattern mapping = Pattern.compile("(\\$\\{[A-Za-z0-9_]+:-)?" + port + "}?:" + port);
		if (list(service.get("ports")).stream().map(String::valueOf).noneMatch((p) -> mapping.matcher(p).matches())) {
			problems.add(name + ": port " + port + " is not published as " + port + ":" + port);
		}
		String healthcheck = healthcheck(service);
		if (!healthcheck.contains("localhost:" + port + "/readyz")) {
			problems.add(name + ": healthcheck is not on localhost:" + port + "/readyz but " + healthcheck);
		}
		if (!"unless-stopped".equals(service.get("restart"))) {
			problems.add(name + ": restart is not unless-stopped");
		}
		Map<String, Object> dependsOn = map(service.get("depends_on"));
		List<String> needed = new ArrayList<>(expected.stores());
		needed.addAll(expected.services());
		for (String dependency : needed) {
			Object condition = map(dependsOn.get(dependency)).get("condition");
			if (!"service_healthy".equals(condition)) {
				problems.add(name + ": depends_on " + dependency + " is not condition: service_healthy");
			}
		}
		Map<String, String> environment = environment(service.get("environment"));
		if (!port.equals(environment.get("PORT"))) {
			problems.add(name + ": PORT is " + environment.get("PORT"));
		}
		if (!environment.getOrDefault("MONGODB_URI", "").matches("mongodb://.+@mongodb:27017/ecommerce\\?authSource=admin")) {
			problems.add(name + ": MONGODB_URI does not point at mongodb:27017/ecommerce");
		}
		if (expected.stores().contains("redis")) {
			if (!"redis".equals(environment.get("REDIS_HOST")) || !environment.containsKey("REDIS_PASSWORD")) {
				problems.add(name + ": REDIS_HOST/REDIS_PASSWORD do not point at redis");
			}
		}
		if (expected.stores().contains("rabbitmq")) {
			if (!environment.getOrDefault("RABBITMQ_URI", "").matches("amqp://.+@rabbitmq:5672/?")) {
				problems.add(name + ": RABBITMQ_URI does not point at rabbitmq:5672");
			}
		}
		for (String other : expected.services()) {
			String variable = other.substring(0, other.indexOf('-')).toUpperCase() + "_SERVICE_URL";
			String url = "http://" + other + ":" + SERVICES.get(other).port();
			if (!url.equals(environment.get(variable))) {
				problems.add(name + ": " + variable + " is not " + url);
			}
		}
		return problems;
	}

	static List<String> variableProblems(String compose, String envExample) {
		List<String> problems = new ArrayList<>();
		Map<String, String> env = new LinkedHashMap<>();
		boolean commented = false;
		for (String line : envExample.lines().toList()) {
			String stripped = line.strip();
			if (stripped.isEmpty()) {
				commented = false;
			}
			else if (stripped.startsWith("#")) {
				commented = true;
			}
			else {
				Matcher matcher = ENV_LINE.matcher(stripped);
				if (!matcher.matches()) {
					problems.add("env.example: not NAME=value: " + line);
				}
				else {
					env.put(matcher.group(1), matcher.group(2));
					if (!commented) {
						problems.add("env.example: " + matcher.group(1) + " has no comment above it");
					}
				}
			}
		}
		Matcher bare = BARE_VARIABLE.matcher(compose);
		while (bare.find()) {
			problems.add("compose: $NAME without braces and default near: "
					+ compose.substring(bare.start(), Math.min(compose.length(), bare.start() + 30)));
		}
		Matcher matcher = VARIABLE.matcher(compose);
		while (matcher.find()) {
			Matcher defaulted = DEFAULTED.matcher(matcher.group(1));
			if (!defaulted.matches()) {
				problems.add("compose: ${" + matcher.group(1) + "} has no default (${NAME:-default})");
				continue;
			}
			String name = defaulted.group(1);
			if (!env.containsKey(name)) {
				problems.add("env.example: " + name + " (used in docker-compose.yml) is missing");
			}
			else if (!env.get(name).equals(defaulted.group(2))) {
				problems.add("env.example: " + name + "=" + env.get(name) + " but docker-compose.yml defaults it to "
						+ defaulted.group(2));
			}
		}
		return problems;
	}

	static List<String> dockerfileProblems(Map<String, String> dockerfiles) {
		List<String> problems = new ArrayList<>();
		Map<String, List<String>> shapes = new LinkedHashMap<>();
		dockerfiles.forEach((name, text) -> {
			String port = String.valueOf(SERVICES.get(name).port());
			List<String> instructions = instructions(text);
			List<Integer> froms = new ArrayList<>();
			for (int i = 0; i < instructions.size(); i++) {
				if (keyword(instructions.get(i)).equals("FROM")) {
					froms.add(i);
				}
			}
			if (froms.size() < 2 || instructions.stream().noneMatch((i) -> i.startsWith("COPY --from="))) {
				problems.add(name + ": not multi-stage (two FROMs and a COPY --from)");
			}
			else {
				if (!instructions.get(froms.get(0)).matches("FROM eclipse-temurin:21-jdk\\S* (?i:AS) \\w+")) {
					problems.add(name + ": the build stage is not a named eclipse-temurin:21-jdk stage");
				}
				if (!instructions.get(froms.get(froms.size() - 1)).matches("FROM eclipse-temurin:21-jre\\S*")) {
					problems.add(name + ": the runtime stage is not eclipse-temurin:21-jre");
				}
			}
			List<String> build = instructions.subList(0, froms.isEmpty() ? 0 : froms.get(froms.size() - 1));
			List<String> runtime = instructions.subList(froms.isEmpty() ? 0 : froms.get(froms.size() - 1),
					instructions.size());
			if (build.stream().noneMatch((i) -> i.startsWith("COPY") && i.contains("mvnw"))
					|| build.stream().noneMatch((i) -> i.startsWith("COPY") && i.contains(".mvn"))) {
				problems.add(name + ": the Maven wrapper (mvnw, .mvn/) is not copied");
			}
			Pattern maven = Pattern.compile("\\./mvnw .*-pl " + Pattern.quote(name) + "(\\s.*)? package\\b.*");
			if (build.stream().noneMatch((i) -> i.startsWith("RUN") && maven.matcher(i).find())) {
				problems.add(name + ": -pl " + name + " ... package is not run with ./mvnw");
			}
			if (build.stream()
				.noneMatch((i) -> i.startsWith("RUN") && i.contains("-Djarmode=tools")
						&& i.contains(name + "/target/" + name + "-exec.jar") && i.contains("--launcher"))) {
				problems.add(name + ": the exec jar is not extracted with -Djarmode=tools ... --launcher");
			}
			List<String> users = runtime.stream().filter((i) -> keyword(i).equals("USER")).toList();
			if (users.isEmpty() || users.get(users.size() - 1).matches("USER\\s+(root|0)(:.*)?")) {
				problems.add(name + ": USER of the runtime stage is missing or root");
			}
			if (runtime.stream().noneMatch((i) -> keyword(i).equals("HEALTHCHECK") && i.contains("/readyz"))) {
				problems.add(name + ": no HEALTHCHECK on /readyz in the runtime stage");
			}
			if (runtime.stream().noneMatch((i) -> i.matches("EXPOSE .*\\b" + port + "\\b.*"))) {
				problems.add(name + ": does not EXPOSE " + port);
			}
			if (runtime.stream()
				.noneMatch((i) -> keyword(i).equals("ENTRYPOINT") && i.contains("$JAVA_OPTS")
						&& i.contains("org.springframework.boot.loader.launch.JarLauncher"))) {
				problems.add(name + ": ENTRYPOINT does not run JarLauncher with $JAVA_OPTS");
			}
			// The COPY lines of the build stage name every module, the same in each Dockerfile.
			shapes.put(name, text.lines()
				.map((line) -> (line.startsWith("COPY ") && !line.startsWith("COPY --from")) ? line
						: line.replace(name, "<service>").replace(port, "<port>"))
				.toList());
		});
		List<String> first = shapes.values().stream().findFirst().orElse(List.of());
		shapes.forEach((name, lines) -> {
			for (int i = 0; i < Math.max(first.size(), lines.size()); i++) {
				String expected = (i < first.size()) ? first.get(i) : "";
				String actual = (i < lines.size()) ? lines.get(i) : "";
				if (!expected.equals(actual)) {
					problems.add(name + "/Dockerfile: differs from the others in more than the service name and port,"
							+ " line " + (i + 1) + ": " + actual + " (expected " + expected + ")");
					break;
				}
			}
		});
		return problems;
	}

	static List<String> initMongoProblems(String init, String compose, Set<String> indexNames) {
		List<String> problems = new ArrayList<>();
		for (String collection : COLLECTIONS) {
			if (!Pattern.compile("\\b" + collection + "\\b").matcher(init).find()) {
				problems.add("init-mongo.js: collection " + collection + " is not mentioned");
			}
		}
		for (String index : indexNames) {
			if (!init.contains("'" + index + "'") && !init.contains("\"" + index + "\"")) {
				problems.add("init-mongo.js: index " + index + " (a service creates it) is missing");
			}
		}
		if (!init.contains("readFileSync")) {
			problems.add("init-mongo.js: does not read the seed file");
		}
		if (!init.contains("$setOnInsert") || !init.contains("upsert: true")) {
			problems.add("init-mongo.js: the seed data is not upserted with $setOnInsert");
		}
		Map<String, Object> mongodb = map(map(yaml(compose).get("services")).get("mongodb"));
		List<String> seedMounts = list(mongodb.get("volumes")).stream()
			.map(String::valueOf)
			.filter((v) -> v.startsWith("./seed:"))
			.map((v) -> v.split(":")[1])
			.toList();
		if (seedMounts.isEmpty()) {
			problems.add("compose: ./seed is not mounted into mongodb");
		}
		else if (!init.contains(seedMounts.get(0) + "/seed-data.json")) {
			problems.add("init-mongo.js: does not read " + seedMounts.get(0) + "/seed-data.json, where ./seed is");
		}
		return problems;
	}

	static List<String> seedProblems(String json) {
		List<String> problems = new ArrayList<>();
		Map<String, Object> seed = yaml(json);
		List<Map<String, Object>> customers = list(seed.get("customers")).stream().map(DeploymentFilesTests::map).toList();
		List<Map<String, Object>> products = list(seed.get("products")).stream().map(DeploymentFilesTests::map).toList();
		Set<Object> customerIds = customers.stream().map((c) -> c.get("customerId")).collect(Collectors.toSet());
		Set<Object> productIds = products.stream().map((p) -> p.get("productId")).collect(Collectors.toSet());
		for (int i = 1; i <= 5; i++) {
			if (!customerIds.contains("cust_00" + i)) {
				problems.add("seed: no customer cust_00" + i);
			}
		}
		for (int i = 1; i <= 7; i++) {
			if (!productIds.contains("prod_00" + i)) {
				problems.add("seed: no product prod_00" + i);
			}
		}
		for (Map<String, Object> customer : customers) {
			for (String field : List.of("firstName", "lastName", "email", "phone", "address")) {
				if (customer.get(field) == null) {
					problems.add("seed: customer " + customer.get("customerId") + " has no " + field);
				}
			}
		}
		for (Map<String, Object> product : products) {
			for (String field : List.of("name", "description", "category", "brand")) {
				if (product.get(field) == null) {
					problems.add("seed: product " + product.get("productId") + " has no " + field);
				}
			}
			for (String field : List.of("price", "stock")) {
				if (!(product.get(field) instanceof Integer || product.get(field) instanceof Long)) {
					problems.add("seed: product " + product.get("productId") + " " + field + " is not a whole number");
				}
			}
		}
		return problems;
	}

	/** The index names the services create at start-up ({@code .named("...")} in their main sources). */
	private static Set<String> serviceIndexNames() {
		Pattern named = Pattern.compile("\\.named\\(\"([^\"]+)\"\\)");
		Set<String> names = new LinkedHashSet<>();
		for (String service : SERVICES.keySet()) {
			try (Stream<Path> files = Files.walk(ROOT.resolve(service).resolve("src/main/java"))) {
				for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
					Matcher matcher = named.matcher(Files.readString(file));
					while (matcher.find()) {
						names.add(matcher.group(1));
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		assertThat(names).as("index names in the services' sources").contains("email_unique", "expiresAt_ttl");
		return names;
	}

	// ---- helpers ----

	private static String change(String text, String from, String to) {
		assertThat(text).as("the text to change").contains(from);
		return text.replace(from, to);
	}

	private static String healthcheck(Map<String, Object> service) {
		Object test = map(service.get("healthcheck")).get("test");
		return (test instanceof List<?> parts) ? parts.stream().map(String::valueOf).collect(Collectors.joining(" "))
				: (test != null) ? test.toString() : "";
	}

	private static Map<String, String> environment(Object environment) {
		Map<String, String> result = new LinkedHashMap<>();
		if (environment instanceof Map<?, ?> map) {
			map.forEach((key, value) -> result.put(String.valueOf(key), String.valueOf(value)));
		}
		else {
			for (Object entry : list(environment)) {
				String[] parts = String.valueOf(entry).split("=", 2);
				result.put(parts[0], (parts.length > 1) ? parts[1] : "");
			}
		}
		return result;
	}

	/** Dockerfile instructions, continuation lines joined, comments and blank lines dropped. */
	private static List<String> instructions(String dockerfile) {
		List<String> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : dockerfile.lines().toList()) {
			String stripped = line.strip();
			if (stripped.startsWith("#") || (stripped.isEmpty() && current.isEmpty())) {
				continue;
			}
			boolean continued = stripped.endsWith("\\");
			current.append(continued ? stripped.substring(0, stripped.length() - 1) : stripped).append(' ');
			if (!continued) {
				instructions.add(current.toString().strip().replaceAll("\\s+", " "));
				current.setLength(0);
			}
		}
		return instructions;
	}

	private static String keyword(String instruction) {
		int space = instruction.indexOf(' ');
		return ((space < 0) ? instruction : instruction.substring(0, space)).toUpperCase();
	}

	private static Map<String, Object> yaml(String text) {
		return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(text));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (value instanceof Map<?, ?>) ? (Map<String, Object>) value : Map.of();
	}

	private static List<?> list(Object value) {
		return (value instanceof List<?> list) ? list : List.of();
	}

	private static String read(String file) {
		try {
			return Files.readString(ROOT.resolve(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The repository root: the first directory upwards with docker-compose.yml and the root pom. */
	private static Path findRoot() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("mvnw"))) {
				return dir;
			}
		}
		throw new IllegalStateException("No docker-compose.yml above " + Path.of("").toAbsolutePath());
	}

	private record Service(int port, List<String> stores, List<String> services) {
	}

}
