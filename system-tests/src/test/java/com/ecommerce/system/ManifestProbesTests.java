package com.ecommerce.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests' probes answer on the real services: every HTTP probe of every Deployment in
 * deploy/kubernetes/base, asked of the running stack on the port the manifest names (the stack runs each program on
 * the same port as its container). local-stack's KubernetesManifestsTests checks the manifests themselves.
 */
class ManifestProbesTests {

	private static final Path BASE = Path.of("deploy", "kubernetes", "base");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void everyProbeOfEveryDeploymentAnswers200OnTheStack() throws Exception {
		List<String> asked = new ArrayList<>();
		for (Deployment deployment : deployments()) {
			for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
				for (Probe probe : Stream.of(container.getStartupProbe(), container.getLivenessProbe(),
						container.getReadinessProbe()).filter((probe) -> probe != null).toList()) {
					String url = "http://localhost:" + port(container, probe.getHttpGet().getPort())
							+ probe.getHttpGet().getPath();
					HttpResponse<String> response = this.http.send(
							HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
							HttpResponse.BodyHandlers.ofString());
					assertThat(response.statusCode()).as(deployment.getMetadata().getName() + " " + url + ": "
							+ response.body()).isEqualTo(200);
					asked.add(url);
				}
			}
		}
		assertThat(asked).as("the gateway and six services, three probes each").hasSize(21);
	}

	private static List<Deployment> deployments() throws IOException {
		KubernetesSerialization serialization = new KubernetesSerialization();
		List<Deployment> deployments = new ArrayList<>();
		try (Stream<Path> files = Files.list(BASE)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".yaml")).sorted().toList()) {
				if (file.getFileName().toString().equals("kustomization.yaml")) {
					continue;
				}
				try (InputStream in = Files.newInputStream(file)) {
					Object parsed = serialization.unmarshal(in);
					List<?> resources = (parsed instanceof List<?> list) ? list
							: (parsed instanceof KubernetesList list) ? list.getItems() : List.of(parsed);
					resources.stream()
						.filter(Deployment.class::isInstance)
						.map(Deployment.class::cast)
						.forEach(deployments::add);
				}
			}
		}
		return deployments;
	}

	/** A probe's port: a number, or the name of one of the container's ports. */
	private static int port(Container container, IntOrString port) {
		if (port.getIntVal() != null) {
			return port.getIntVal();
		}
		return container.getPorts()
			.stream()
			.filter((candidate) -> port.getStrVal().equals(candidate.getName()))
			.findFirst()
			.orElseThrow()
			.getContainerPort();
	}

}
