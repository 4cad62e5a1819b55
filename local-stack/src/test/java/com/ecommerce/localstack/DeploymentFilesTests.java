package com.ecommerce.localstack;

import static com.ecommerce.localstack.DeploymentFiles.COMPOSE;
import static com.ecommerce.localstack.DeploymentFiles.ROOT;
import static com.ecommerce.localstack.DeploymentFiles.healthcheck;
import static com.ecommerce.localstack.DeploymentFiles.instructions;
import static com.ecommerce.localstack.DeploymentFiles.map;
import static com.ecommerce.localstack.DeploymentFiles.read;
import static com.ecommerce.localstack.DeploymentFiles.service;
import static com.ecommerce.localstack.DeploymentFiles.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The Docker deployment files at the repository root ({@code Dockerfile}, {@code docker-compose.yml},
 * {@code seed/seed-data.json}) against the rules they must keep, without a Docker engine: compose is parsed with
 * SnakeYAML (which resolves its anchors and {@code <<:} merges as Compose does), the seed with Jackson, the Dockerfile
 * instruction by instruction. What compose publishes and its secrets: {@link ComposeFileTests}.
 */
class DeploymentFilesTests {

	private static final String HEALTHY = "service_healthy";

	private static final String SEEDED = "service_completed_successfully";

	/** The modules compose runs as servers, each built from the root Dockerfile (auth-service: ComposeFileTests). */
	private static final List<String> SERVERS = List.of("customer-service", "product-service", "order-service",
			"payment-service", "transaction-worker", "api-gateway");

	/**
	 * What each service waits for, and how; the services that serve the seed data wait for the seed, every service
	 * for auth-service, whose keys verify the tokens it accepts, and the gateway for every service it routes to.
	 */
	private static final Map<String, Map<String, String>> DEPENDS_ON = Map.of("seed", Map.of("mongodb", HEALTHY),
			"api-gateway", Map.of("redis", HEALTHY, "auth-service", HEALTHY, "customer-service", HEALTHY,
					"product-service", HEALTHY, "order-service", HEALTHY, "payment-service", HEALTHY,
					"transaction-worker", HEALTHY),
			"auth-service", Map.of(),
			"customer-service", Map.of("mongodb", HEALTHY, "redis", HEALTHY, "seed", SEEDED, "auth-service", HEALTHY),
			"product-service", Map.of("mongodb", HEALTHY, "redis", HEALTHY, "seed", SEEDED, "auth-service", HEALTHY),
			"order-service", Map.of("mongodb", HEALTHY, "redis", HEALTHY, "seed", SEEDED, "auth-service", HEALTHY,
					"customer-service", HEALTHY, "product-service", HEALTHY, "payment-service", HEALTHY),
			"payment-service", Map.of("mongodb", HEALTHY, "rabbitmq", HEALTHY, "auth-service", HEALTHY),
			"transaction-worker", Map.of("mongodb", HEALTHY, "rabbitmq", HEALTHY, "auth-service", HEALTHY));

	@Test
	void everyServerIsBuiltFromTheRootDockerfileWithItsModuleAndTheModulesPort() {
		Set<String> services = new HashSet<>(DEPENDS_ON.keySet());
		services.addAll(List.of("mongodb", "redis", "rabbitmq", "zipkin", "prometheus", "grafana"));
		assertThat(map(COMPOSE, "services")).containsOnlyKeys(services);
		for (String module : SERVERS) {
			String port = serverPort(module);
			assertThat(map(service(module), "build")).as(module + " build")
				.containsEntry("context", ".")
				.containsEntry("dockerfile", "Dockerfile")
				.containsEntry("args", Map.of("MODULE", module, "PORT", port));
			assertThat(service(module).get("ports")).as(module + " ports").isEqualTo(List.of(port + ":" + port));
			assertThat(ROOT.resolve(module).resolve("Dockerfile")).as("one Dockerfile for every module").doesNotExist();
		}
	}

	@Test
	void everyServerIsHealthyWhenItsReadyzAnswersOnItsPort() {
		for (String module : SERVERS) {
			assertThat(healthcheck(module)).as(module + " healthcheck")
				.contains("http://localhost:" + serverPort(module) + "/readyz");
		}
	}

	@Test
	void servicesStartOnlyOnceWhatTheyNeedIsHealthyOrSeeded() {
		DEPENDS_ON.forEach((name, expected) -> {
			Map<String, Object> conditions = new LinkedHashMap<>();
			map(service(name), "depends_on")
				.forEach((other, how) -> conditions.put(other, ((Map<?, ?>) how).get("condition")));
			assertThat(conditions).as(name + " depends_on").isEqualTo(expected);
			expected.forEach((other, condition) -> {
				if (condition.equals(HEALTHY)) {
					assertThat(healthcheck(other)).as(other + " needs a healthcheck: " + name + " waits for it")
						.isNotBlank();
				}
			});
		});
	}

	@Test
	void theSeedServiceRunsLocalStacksSeederOnTheMountedSeedFileAndTheServicesDatabase() {
		Map<String, Object> seed = service("seed");
		assertThat(map(seed, "build")).containsEntry("dockerfile", "Dockerfile")
			.containsEntry("args", Map.of("MODULE", "local-stack"));
		List<?> command = (List<?>) seed.get("command");
		assertThat(command).hasSize(3).first().isEqualTo("seed");
		assertThat(command.get(1)).as("the database the services use")
			.isEqualTo(map(service("customer-service"), "environment").get("MONGODB_URI"));
		String[] mount = ((List<?>) seed.get("volumes")).stream()
			.map(String::valueOf)
			.filter((volume) -> volume.startsWith("./seed:"))
			.findFirst()
			.orElseThrow()
			.split(":");
		assertThat(mount).as("./seed mounted read-only").hasSize(3).endsWith("ro");
		assertThat(command.get(2)).isEqualTo(mount[1] + "/seed-data.json");
	}

	@Test
	void theSeedFileHasTheSeedCustomersAndProducts() {
		JsonNode seed = new ObjectMapper().readTree(ROOT.resolve("seed/seed-data.json"));
		assertThat(seed.get("customers").valueStream().map((customer) -> customer.get("customerId").asString()))
			.contains("cust_001", "cust_002", "cust_003", "cust_004", "cust_005");
		assertThat(seed.get("products").valueStream().map((product) -> product.get("productId").asString()))
			.contains("prod_001", "prod_002", "prod_003", "prod_004", "prod_005", "prod_006", "prod_007");
		JsonNode macBook = seed.get("products").get(0);
		assertThat(macBook.get("productId").asString()).isEqualTo("prod_001");
		assertThat(macBook.get("name").asString()).isEqualTo("MacBook Pro 14-inch");
		assertThat(macBook.get("price").longValue()).isEqualTo(199900);
		assertThat(macBook.get("stock").intValue()).isEqualTo(50);
		// Prices are in cents and stock is a count: the Seeder would silently drop a fraction.
		assertThat(seed.get("products").valueStream())
			.allMatch((product) -> product.get("price").isIntegralNumber() && product.get("stock").isIntegralNumber());
	}

	@Test
	void theServersKeepTheirDataInNamedVolumesAndRedisHasAPassword() {
		Map<String, Object> volumes = map(COMPOSE, "volumes");
		for (String server : List.of("mongodb", "redis", "rabbitmq")) {
			assertThat(service(server).get("volumes")).asInstanceOf(LIST)
				.as(server + " volumes")
				.anyMatch((volume) -> volumes.containsKey(String.valueOf(volume).split(":")[0]));
		}
		assertThat(service("redis").get("command")).asInstanceOf(LIST).contains("--requirepass");
	}

	@Test
	void theDockerfileBuildsAnyModuleIntoALayeredImageThatRunsAsNonRoot() {
		List<String> instructions = instructions(read("Dockerfile"));
		int runtimeStage = instructions.lastIndexOf("FROM eclipse-temurin:21-jre");
		assertThat(runtimeStage).as("a JRE 21 runtime stage").isPositive();
		List<String> build = instructions.subList(0, runtimeStage);
		List<String> runtime = instructions.subList(runtimeStage, instructions.size());
		assertThat(build).contains("ARG MODULE", "FROM eclipse-temurin:21-jdk AS build")
			.anyMatch((line) -> line.startsWith("ARG PORT"))
			.anyMatch((line) -> line.startsWith("RUN") && line.contains("./mvnw -B -ntp -pl \"$MODULE\" -am package"))
			.anyMatch((line) -> line.startsWith("RUN") && line.contains("java -Djarmode=tools")
					&& line.contains("$MODULE/target/$MODULE-exec.jar") && line.contains("extract --layers --launcher"));
		// The reactor reads every module's pom, even with -pl; -am needs the sources of all but system-tests.
		for (String module : modules()) {
			assertThat(build).contains("COPY " + module + "/pom.xml " + module + "/");
			if (!module.equals("system-tests")) {
				assertThat(build).contains("COPY " + module + "/src/ " + module + "/src/");
			}
		}
		assertThat(runtime).contains("ARG PORT", "EXPOSE ${PORT}")
			.anyMatch((line) -> line.startsWith("ENV PORT=${PORT}") && line.contains("JAVA_OPTS="))
			.anyMatch((line) -> line.startsWith("HEALTHCHECK") && line.contains("http://localhost:${PORT}/readyz"))
			.anyMatch((line) -> line.startsWith("ENTRYPOINT")
					&& line.contains("exec java $JAVA_OPTS org.springframework.boot.loader.launch.JarLauncher"));
		assertThat(runtime.stream().filter((line) -> line.startsWith("USER ")).toList()).as("USER of the runtime")
			.isNotEmpty()
			.last()
			.isNotIn("USER root", "USER 0");
	}

	@Test
	void dockerignoreKeepsBuildOutputAndLocalDataOutOfTheContext() {
		List<String> lines = read(".dockerignore").lines().map(String::strip).toList();
		assertThat(lines).contains(".git/", ".local/").anyMatch((line) -> line.contains("target"));
		assertThat(lines).as("the Dockerfile needs the wrapper, poms and sources")
			.doesNotContain("mvnw", ".mvn", ".mvn/", "pom.xml", "**/pom.xml", "**/src", "**/src/", "*");
	}

	// ---- helpers ----

	/** The default of the module's {@code server.port}, e.g. 3001 of {@code ${PORT:${SERVER_PORT:3001}}}. */
	private static String serverPort(String module) {
		Map<String, Object> application = yaml(module + "/src/main/resources/application.yml");
		return String.valueOf(map(application, "server").get("port")).replaceAll("^.*?(\\d+)}*$", "$1");
	}

	/** The root pom's modules. */
	private static List<String> modules() {
		try {
			NodeList modules = DocumentBuilderFactory.newInstance()
				.newDocumentBuilder()
				.parse(ROOT.resolve("pom.xml").toFile())
				.getElementsByTagName("module");
			List<String> names = new ArrayList<>();
			for (int i = 0; i < modules.getLength(); i++) {
				names.add(modules.item(i).getTextContent().strip());
			}
			return names;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
