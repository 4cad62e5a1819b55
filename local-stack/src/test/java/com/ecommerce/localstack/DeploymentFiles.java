package com.ecommerce.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The deployment files at the repository root as the tests read them: YAML with SnakeYAML (which resolves anchors and
 * {@code <<:} merges as Compose does, and leaves {@code ${VAR}} as written), the Dockerfile instruction by instruction.
 */
final class DeploymentFiles {

	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	static final Map<String, Object> COMPOSE = yaml("docker-compose.yml");

	private DeploymentFiles() {
	}

	static Map<String, Object> service(String name) {
		return map(map(COMPOSE, "services"), name);
	}

	/** A service's environment after the merges, as written (variables not substituted). */
	static Map<String, Object> environment(String service) {
		return map(service(service), "environment");
	}

	static String healthcheck(String service) {
		Object test = map(service(service), "healthcheck").get("test");
		return (test instanceof List<?> parts) ? parts.stream().map(String::valueOf).collect(Collectors.joining(" "))
				: (test != null) ? test.toString() : "";
	}

	/** Dockerfile instructions, continuation lines joined, comments and blank lines dropped. */
	static List<String> instructions(String dockerfile) {
		String joined = dockerfile.lines()
			.filter((line) -> !line.strip().startsWith("#"))
			.collect(Collectors.joining("\n"))
			.replaceAll("\\\\\\n", " ");
		return joined.lines().map((line) -> line.strip().replaceAll("\\s+", " ")).filter((l) -> !l.isEmpty()).toList();
	}

	static Map<String, Object> yaml(String file) {
		return new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object parent, String key) {
		Object value = (parent instanceof Map<?, ?> map) ? map.get(key) : null;
		return (value instanceof Map<?, ?>) ? (Map<String, Object>) value : Map.of();
	}

	static String read(String file) {
		try {
			return Files.readString(ROOT.resolve(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
