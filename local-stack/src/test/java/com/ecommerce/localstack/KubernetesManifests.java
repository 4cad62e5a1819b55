package com.ecommerce.localstack;

import static com.ecommerce.localstack.DeploymentFiles.ROOT;
import static com.ecommerce.localstack.DeploymentFiles.map;
import static com.ecommerce.localstack.DeploymentFiles.read;
import static com.ecommerce.localstack.DeploymentFiles.yaml;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * deploy/kubernetes as the tests read it: each overlay rendered ({@link Kustomize}) into the fabric8 Kubernetes
 * model, the Secrets its create-secrets.sh documents (no Secret is in the manifests), and what each application reads
 * from its environment, from its own configuration.
 */
final class KubernetesManifests {

	static final Path DEPLOY = ROOT.resolve("deploy/kubernetes");

	static final List<String> OVERLAYS = List.of("local", "production");

	/** Every program that runs as a Deployment, the gateway first. */
	static final List<String> APPLICATIONS = List.of("api-gateway", "auth-service", "customer-service",
			"product-service", "order-service", "payment-service", "transaction-worker");

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	/** {@code ${NAME}} or {@code ${NAME:default}} in application.yml and ecommerce-defaults.properties. */
	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:?)");

	/** The environment variables an EnvironmentPostProcessor reads itself (the ones it maps only when set). */
	private static final Pattern POST_PROCESSOR_READS = Pattern.compile("getProperty\\(\"([A-Z][A-Z0-9_]*)\"");

	/** shared-lib's, for the services. */
	private static final String SHARED_DEFAULTS = "shared-lib/src/main/java/com/ecommerce/shared/config/"
			+ "SharedDefaults.java";

	/** shared-core's, for the services and the gateway. */
	private static final String SENTINEL_SETTINGS = "shared-core/src/main/java/com/ecommerce/shared/config/"
			+ "RedisSentinelSettings.java";

	/** {@code kubectl create secret generic NAME --from-literal=KEY=… --from-file=KEY=…}, or {@code tls NAME}. */
	private static final Pattern CREATE_SECRET = Pattern
		.compile("create secret (generic|tls) ([a-z0-9-]+)((?:\\s+--[a-z-]+=\\S+)*)");

	private static final Pattern SECRET_KEY = Pattern.compile("--from-(?:literal|file)=([A-Za-z0-9._-]+)=");

	private KubernetesManifests() {
	}

	/** An overlay rendered, and the Secrets (name → keys) its create-secrets.sh makes. */
	record Render(String overlay, List<HasMetadata> resources, Map<String, Set<String>> secrets) {

		<T extends HasMetadata> List<T> all(Class<T> type) {
			return this.resources.stream().filter(type::isInstance).map(type::cast).toList();
		}

		<T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
			return all(type).stream().filter((resource) -> resource.getMetadata().getName().equals(name)).findFirst();
		}

		Deployment deployment(String name) {
			return find(Deployment.class, name)
				.orElseThrow(() -> new AssertionError(this.overlay + ": no Deployment " + name));
		}

		/** The variables a container gets: its env entries' names and every key of the ConfigMaps it takes whole. */
		Set<String> environment(Container container) {
			Set<String> names = new TreeSet<>();
			container.getEnv().forEach((variable) -> names.add(variable.getName()));
			container.getEnvFrom()
				.forEach((source) -> find(ConfigMap.class, source.getConfigMapRef().getName())
					.ifPresent((configMap) -> names.addAll(configMap.getData().keySet())));
			return names;
		}

		/** A container's literal value of {@code name} or the one its ConfigMaps give it. */
		Optional<String> value(Container container, String name) {
			Optional<String> literal = container.getEnv()
				.stream()
				.filter((variable) -> variable.getName().equals(name) && variable.getValue() != null)
				.map((variable) -> variable.getValue())
				.findFirst();
			if (literal.isPresent()) {
				return literal;
			}
			return container.getEnvFrom()
				.stream()
				.flatMap((source) -> find(ConfigMap.class, source.getConfigMapRef().getName()).stream())
				.map((configMap) -> configMap.getData().get(name))
				.filter((value) -> value != null)
				.findFirst();
		}

	}

	/** What an application is, as its module says: ports, the variables it reads, the stores it uses. */
	record Application(String module, int port, int managementPort, Set<String> required, Set<String> reads,
			Set<String> stores) {
	}

	static Render render(String overlay) {
		List<HasMetadata> resources = Kustomize.build(DEPLOY.resolve("overlays").resolve(overlay))
			.stream()
			.map((resource) -> SERIALIZATION.convertValue(resource, HasMetadata.class))
			.toList();
		return new Render(overlay, resources, documentedSecrets(overlay));
	}

	/** The Secrets (name → keys) that the overlay's create-secrets.sh creates, itself or by the script it sources. */
	static Map<String, Set<String>> documentedSecrets(String overlay) {
		String script = read("deploy/kubernetes/overlays/" + overlay + "/create-secrets.sh");
		if (script.contains("/application-secrets.sh\"")) {
			script += "\n" + read("deploy/kubernetes/application-secrets.sh");
		}
		script = script.replace("\\\n", " ");
		Map<String, Set<String>> secrets = new TreeMap<>();
		Matcher command = CREATE_SECRET.matcher(script);
		while (command.find()) {
			Set<String> keys = secrets.computeIfAbsent(command.group(2), (name) -> new TreeSet<>());
			if (command.group(1).equals("tls")) {
				keys.addAll(List.of("tls.crt", "tls.key"));
			}
			SECRET_KEY.matcher(command.group(3)).results().forEach((key) -> keys.add(key.group(1)));
		}
		return secrets;
	}

	/**
	 * The application's module: its {@code server.port} default, the variables its application.yml reads (and
	 * shared-core's Sentinel settings when it has shared-core, directly or through shared-lib; shared-lib's defaults
	 * when it uses shared-lib), those without a default, and its stores (its pom's starters).
	 */
	static Application application(String module) {
		String pom = read(module + "/pom.xml");
		StringBuilder configuration = new StringBuilder(read(module + "/src/main/resources/application.yml"));
		Set<String> reads = new TreeSet<>();
		boolean sharedLib = pom.contains("<artifactId>shared-lib</artifactId>");
		if (sharedLib || pom.contains("<artifactId>shared-core</artifactId>")) {
			reads.addAll(readsOf(SENTINEL_SETTINGS));
		}
		if (sharedLib) {
			configuration.append('\n').append(read("shared-lib/src/main/resources/ecommerce-defaults.properties"));
			reads.addAll(readsOf(SHARED_DEFAULTS));
		}
		Set<String> required = new TreeSet<>();
		Matcher placeholder = PLACEHOLDER.matcher(configuration);
		while (placeholder.find()) {
			reads.add(placeholder.group(1));
			if (placeholder.group(2).isEmpty()) {
				required.add(placeholder.group(1));
			}
		}
		Set<String> stores = new LinkedHashSet<>();
		Map.of("mongodb", "spring-boot-starter-data-mongodb", "redis", "spring-boot-starter-data-redis", "rabbitmq",
				"spring-boot-starter-amqp")
			.forEach((store, starter) -> {
				if (pom.contains("<artifactId>" + starter)) {
					stores.add(store);
				}
			});
		int port = serverPort(yaml(module + "/src/main/resources/application.yml"));
		int management = module.equals("api-gateway") ? 9080 : port + 6000;
		return new Application(module, port, management, required, reads, stores);
	}

	/** The variables an EnvironmentPostProcessor's source reads by name. */
	private static Set<String> readsOf(String source) {
		Set<String> names = new TreeSet<>();
		POST_PROCESSOR_READS.matcher(read(source)).results().forEach((name) -> names.add(name.group(1)));
		return names;
	}

	/** The default of {@code ${PORT:${SERVER_PORT:3001}}}. */
	private static int serverPort(Map<String, Object> applicationYml) {
		String port = String.valueOf(map(applicationYml, "server").get("port"));
		return Integer.parseInt(port.replaceAll("^.*?(\\d+)}*$", "$1"));
	}

	/** The number of a container's port, given as a number or by its name. */
	static int portNumber(Container container, IntOrString port) {
		if (port.getIntVal() != null) {
			return port.getIntVal();
		}
		return container.getPorts()
			.stream()
			.filter((candidate) -> port.getStrVal().equals(candidate.getName()))
			.map(ContainerPort::getContainerPort)
			.findFirst()
			.orElseThrow(() -> new AssertionError(container.getName() + " has no port " + port.getStrVal()));
	}

	/**
	 * The fields of a resource that the Kubernetes model does not know (it keeps them aside as additional
	 * properties): a misspelt field would otherwise be ignored by the API server, silently.
	 */
	static List<String> unknownFields(Object node, String path) {
		List<String> unknown = new ArrayList<>();
		if (node instanceof Collection<?> collection) {
			int i = 0;
			for (Object element : collection) {
				unknown.addAll(unknownFields(element, path + "[" + i++ + "]"));
			}
		}
		else if (node instanceof Map<?, ?> entries) {
			entries.forEach((key, value) -> unknown.addAll(unknownFields(value, path + "." + key)));
		}
		else if (node != null && node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
			for (Method getter : node.getClass().getMethods()) {
				if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
						|| getter.getDeclaringClass() == Object.class) {
					continue;
				}
				Object value = invoke(getter, node);
				if (getter.getName().equals("getAdditionalProperties")) {
					((Map<?, ?>) value).keySet().forEach((key) -> unknown.add(path + "." + key));
				}
				else {
					unknown.addAll(unknownFields(value, path + "." + getter.getName().substring(3)));
				}
			}
		}
		return unknown;
	}

	private static Object invoke(Method getter, Object target) {
		try {
			return getter.invoke(target);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(getter.toString(), ex);
		}
	}

	/** Resources keyed by kind/namespace/name, for comparing two renders whatever their order. */
	static Map<String, Map<String, Object>> byIdentity(List<Map<String, Object>> resources) {
		Map<String, Map<String, Object>> keyed = new LinkedHashMap<>();
		for (Map<String, Object> resource : resources) {
			Map<String, Object> metadata = map(resource, "metadata");
			keyed.put(resource.get("kind") + "/" + metadata.get("namespace") + "/" + metadata.get("name"), resource);
		}
		return keyed;
	}

}
