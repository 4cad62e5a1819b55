package com.ecommerce.localstack;

import static com.ecommerce.localstack.DeploymentFiles.COMPOSE;
import static com.ecommerce.localstack.DeploymentFiles.map;
import static com.ecommerce.localstack.DeploymentFiles.read;
import static com.ecommerce.localstack.KubernetesManifests.APPLICATIONS;
import static com.ecommerce.localstack.KubernetesManifests.DEPLOY;
import static com.ecommerce.localstack.KubernetesManifests.OVERLAYS;
import static com.ecommerce.localstack.KubernetesManifests.application;
import static com.ecommerce.localstack.KubernetesManifests.byIdentity;
import static com.ecommerce.localstack.KubernetesManifests.portNumber;
import static com.ecommerce.localstack.KubernetesManifests.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.ecommerce.localstack.KubernetesManifests.Application;
import com.ecommerce.localstack.KubernetesManifests.Render;
import com.ecommerce.localstack.NetworkPolicies.Pod;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests (deploy/kubernetes, kustomize: base and the overlays local and production) against the
 * applications' own configuration, without a cluster: each overlay is rendered ({@link Kustomize}; where kubectl or
 * kustomize is installed, checked against theirs) and read with the fabric8 Kubernetes model.
 */
class KubernetesManifestsTests {

	/** The services with an autoscaler: the gateway and the services every order goes through. */
	private static final Set<String> AUTOSCALED = Set.of("api-gateway", "product-service", "order-service",
			"payment-service");

	/** Set for every application besides what it reads itself: read by the image (JAVA_OPTS) or bound by Boot. */
	private static final Set<String> IMAGE_AND_BOOT = Set.of("JAVA_OPTS", "MANAGEMENT_SERVER_PORT",
			"SPRING_PROFILES_ACTIVE", "SPRINGDOC_API_DOCS_ENABLED", "SPRINGDOC_SWAGGER_UI_ENABLED");

	private static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

	private static final Pattern SERVICE_URL = Pattern.compile("http://([a-z-]+):\\d+");

	/** Spring's graceful shutdown waits at most this long per phase (spring.lifecycle.timeout-per-shutdown-phase). */
	private static final int SHUTDOWN_PHASE_SECONDS = 30;

	/**
	 * Who calls whom, from the code: the gateway every API, order-service its saga's services, all of them
	 * auth-service (its key set).
	 */
	private static final Map<String, Set<String>> CALLS = Map.of("api-gateway",
			Set.of("auth-service", "customer-service", "product-service", "order-service", "payment-service",
					"transaction-worker"),
			"order-service", Set.of("auth-service", "customer-service", "product-service", "payment-service"),
			"customer-service", Set.of("auth-service"), "product-service", Set.of("auth-service"), "payment-service",
			Set.of("auth-service"), "transaction-worker", Set.of("auth-service"), "auth-service", Set.of());

	/** The stores' workloads in the local overlay and the ports their clients use. */
	private static final Map<String, Map<String, Integer>> STORES = Map.of("mongodb", Map.of("mongodb", 27017),
			"redis", Map.of("redis", 6379, "redis-sentinel", 26379), "rabbitmq", Map.of("rabbitmq", 5672));

	@Test
	void kubectlOrKustomizeRendersEachOverlayAsTheseTestsDo() throws Exception {
		Optional<List<String>> tool = Stream.of(List.of("kubectl", "kustomize"), List.of("kustomize", "build"))
			.filter((command) -> onPath(command.get(0)))
			.findFirst();
		assumeTrue(tool.isPresent(), "neither kubectl nor kustomize is installed: the manifests are still checked, "
				+ "with the tests' own render");
		for (String overlay : OVERLAYS) {
			Path directory = DEPLOY.resolve("overlays").resolve(overlay);
			List<String> command = new ArrayList<>(tool.get());
			command.add(directory.toString());
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
			assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
			List<Map<String, Object>> theirs = Kustomize.documents(output).stream().map(Kustomize::map).toList();
			assertThat(byIdentity(Kustomize.build(directory))).as(overlay).isEqualTo(byIdentity(theirs));
		}
	}

	@Test
	void everyFieldIsOneKubernetesKnows() {
		for (String overlay : OVERLAYS) {
			for (HasMetadata resource : render(overlay).resources()) {
				assertThat(KubernetesManifests.unknownFields(resource, resource.getKind()))
					.as(overlay + " " + resource.getKind() + " " + resource.getMetadata().getName())
					.isEmpty();
			}
		}
	}

	@Test
	void everyApplicationRunsItsImageOnItsOwnPortsWithTheManagementPortScraped() {
		for (String overlay : OVERLAYS) {
			Render render = render(overlay);
			for (String name : APPLICATIONS) {
				Application application = application(name);
				Deployment deployment = render.deployment(name);
				PodTemplateSpec template = deployment.getSpec().getTemplate();
				Container container = onlyContainer(deployment);
				String where = overlay + " " + name;
				// The Dockerfile names its images ecommerce/<module> (docker compose builds them so); production pushes
				// them to a registry of its own with a version tag.
				String image = container.getImage();
				Object composed = map(map(COMPOSE, "services"), name).get("image");
				if (overlay.equals("local")) {
					Object expected = (composed != null) ? composed : "ecommerce/" + name + ":latest";
					assertThat(image).as(where).isEqualTo(expected);
				}
				else {
					assertThat(image).as(where).matches("[a-z0-9.-]+(:\\d+)?/ecommerce/" + name + ":[\\w.-]+")
						.doesNotEndWith(":latest");
				}
				assertThat(portNumber(container, new IntOrString("http")))
					.as(where + " API port = its server.port")
					.isEqualTo(application.port());
				assertThat(portNumber(container, new IntOrString("management")))
					.as(where + " management port")
					.isEqualTo(application.managementPort());
				assertThat(render.value(container, "PORT")).as(where).contains(String.valueOf(application.port()));
				assertThat(render.value(container, "MANAGEMENT_SERVER_PORT")).as(where)
					.contains(String.valueOf(application.managementPort()));
				assertThat(template.getMetadata().getAnnotations()).as(where + " scrape annotations")
					.containsEntry("prometheus.io/scrape", "true")
					.containsEntry("prometheus.io/port", String.valueOf(application.managementPort()))
					.containsEntry("prometheus.io/path", "/actuator/prometheus");
			}
		}
	}

	@Test
	void probesAskHealthzAndReadyzOnTheApiPort() {
		for (String overlay : OVERLAYS) {
			Render render = render(overlay);
			for (String name : APPLICATIONS) {
				Container container = onlyContainer(render.deployment(name));
				int port = application(name).port();
				String where = overlay + " " + name;
				assertThat(probe(container, container.getStartupProbe())).as(where + " startup")
					.isEqualTo("/healthz:" + port);
				assertThat(probe(container, container.getLivenessProbe())).as(where + " liveness")
					.isEqualTo("/healthz:" + port);
				assertThat(probe(container, container.getReadinessProbe())).as(where + " readiness")
					.isEqualTo("/readyz:" + port);
				// A cold JVM must get past start-up before liveness may restart it.
				Probe startup = container.getStartupProbe();
				assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold()).as(where + " start-up time")
					.isGreaterThanOrEqualTo(120);
			}
		}
	}

	@Test
	void podsLeaveTheEndpointsBeforeTheyStopAndHaveTimeToFinish() {
		for (String overlay : OVERLAYS) {
			Render render = render(overlay);
			for (String name : APPLICATIONS) {
				Deployment deployment = render.deployment(name);
				List<String> preStop = onlyContainer(deployment).getLifecycle().getPreStop().getExec().getCommand();
				assertThat(preStop).as(overlay + " " + name + " preStop").hasSize(2).first().isEqualTo("sleep");
				int sleep = Integer.parseInt(preStop.get(1));
				assertThat(sleep).as("a few seconds").isBetween(3, 15);
				assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
					.as(overlay + " " + name + ": preStop, the drain and the in-flight work before SIGKILL")
					.isGreaterThan(sleep + SHUTDOWN_PHASE_SECONDS + 10);
				assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
					.as(overlay + " " + name + ": a rollout never lowers capacity")
					.isZero();
			}
		}
	}

	@Test
	void applicationsRunAsTheImagesUserOnAReadOnlyFileSystemWithoutPrivileges() {
		for (String overlay : OVERLAYS) {
			Render render = render(overlay);
			for (String name : APPLICATIONS) {
				Deployment deployment = render.deployment(name);
				PodSpec pod = deployment.getSpec().getTemplate().getSpec();
				Container container = onlyContainer(deployment);
				String where = overlay + " " + name;
				assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(where).isTrue();
				assertThat(pod.getSecurityContext().getRunAsUser()).as(where + ": the Dockerfile's app user")
					.isEqualTo(1001L);
				assertThat(pod.getAutomountServiceAccountToken()).as(where + ": no Kubernetes API token").isFalse();
				assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(where).isFalse();
				assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(where).isTrue();
				assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(where).containsExactly("ALL");
				VolumeMount tmp = container.getVolumeMounts()
					.stream()
					.filter((mount) -> mount.getMountPath().equals("/tmp"))
					.findFirst()
					.orElseThrow(() -> new AssertionError(where + ": /tmp must be writable"));
				assertThat(volume(pod, tmp.getName()).getEmptyDir()).as(where + " /tmp").isNotNull();
			}
		}
	}

	@Test
	void everyWorkloadHasRequestsAndLimitsAndADisruptionBudget() {
		for (String overlay : OVERLAYS) {
			Render render = render(overlay);
			List<PodTemplateSpec> templates = new ArrayList<>();
			render.all(Deployment.class).forEach((deployment) -> templates.add(deployment.getSpec().getTemplate()));
			render.all(StatefulSet.class).forEach((set) -> templates.add(set.getSpec().getTemplate()));
			assertThat(render.all(Deployment.class)).as(overlay)
				.extracting((deployment) -> deployment.getMetadata().getName())
				.containsExactlyInAnyOrderElementsOf(APPLICATIONS);
			for (PodTemplateSpec template : templates) {
				Map<String, String> labels = template.getMetadata().getLabels();
				String where = overlay + " " + labels.get("app.kubernetes.io/name");
				for (Container container : template.getSpec().getContainers()) {
					Map<String, Quantity> requests = container.getResources().getRequests();
					Map<String, Quantity> limits = container.getResources().getLimits();
					assertThat(requests).as(where + " requests").containsKeys("cpu", "memory");
					assertThat(limits).as(where + " limits").containsKeys("cpu", "memory");
					for (String resource : List.of("cpu", "memory")) {
						assertThat(requests.get(resource).getNumericalAmount())
							.as(where + " " + resource + " request within its limit")
							.isLessThanOrEqualTo(limits.get(resource).getNumericalAmount());
					}
				}
				assertThat(render.all(PodDisruptionBudget.class)).as(where + ": a PodDisruptionBudget selects it")
					.filteredOn((budget) -> NetworkPolicies.selects(budget.getSpec().getSelector(), labels))
					.hasSize(1);
			}
		}
	}

	@Test
	void autoscalersScaleTheGatewayAndTheOrderPathAndOwnTheirReplicaCount() {
		for (String overlay : OVERLAYS) {
			Render render = render(overlay);
			List<HorizontalPodAutoscaler> autoscalers = render.all(HorizontalPodAutoscaler.class);
			assertThat(autoscalers).as(overlay)
				.extracting((autoscaler) -> autoscaler.getSpec().getScaleTargetRef().getName())
				.containsExactlyInAnyOrderElementsOf(AUTOSCALED);
			for (HorizontalPodAutoscaler autoscaler : autoscalers) {
				String target = autoscaler.getSpec().getScaleTargetRef().getName();
				assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
				assertThat(render.deployment(target).getSpec().getReplicas())
					.as(overlay + " " + target + ": replicas are the autoscaler's")
					.isNull();
				assertThat(autoscaler.getSpec().getMinReplicas()).as(overlay + " " + target)
					.isPositive()
					.isLessThan(autoscaler.getSpec().getMaxReplicas());
				assertThat(autoscaler.getSpec().getMetrics()).as(overlay + " " + target + ": on CPU, of the request")
					.anyMatch((metric) -> metric.getResource().getName().equals("cpu"));
			}
		}
		Render production = render("production");
		for (String name : APPLICATIONS) {
			Integer replicas = production.deployment(name).getSpec().getReplicas();
			int least = (replicas != null) ? replicas
					: production.find(HorizontalPodAutoscaler.class, name).orElseThrow().getSpec().getMinReplicas();
			assertThat(least).as("production " + name + ": at least two pods").isGreaterThanOrEqualTo(2);
		}
		assertThat(maxReplicas(production, "order-service")).as("production scales further than local")
			.isGreaterThan(maxReplicas(render("local"), "order-service"));
	}

	@Test
	void everyConfigMapAndSecretReferencedExistsAndNoSecretValueIsCommitted() {
		for (String overlay : OVERLAYS) {
			Render render = render(overlay);
			assertThat(render.all(Secret.class)).as(overlay + ": Secrets are made outside the manifests").isEmpty();
			assertThat(render.secrets()).as(overlay + ": create-secrets.sh").isNotEmpty();
			for (PodSpec pod : podSpecs(render)) {
				List<Container> containers = new ArrayList<>(pod.getContainers());
				containers.addAll(pod.getInitContainers());
				for (Container container : containers) {
					String where = overlay + " " + container.getName();
					for (EnvVar variable : container.getEnv()) {
						if (variable.getValueFrom() == null || variable.getValueFrom().getFieldRef() != null) {
							continue;
						}
						if (variable.getValueFrom().getConfigMapKeyRef() != null) {
							var reference = variable.getValueFrom().getConfigMapKeyRef();
							assertThat(configMap(render, reference.getName()).getData())
								.as(where + " " + variable.getName())
								.containsKey(reference.getKey());
						}
						else {
							var reference = variable.getValueFrom().getSecretKeyRef();
							assertThat(render.secrets()).as(where + " " + variable.getName() + ": a documented Secret")
								.containsKey(reference.getName());
							assertThat(render.secrets().get(reference.getName())).as(where + " " + variable.getName())
								.contains(reference.getKey());
						}
					}
					container.getEnvFrom().forEach((source) -> {
						assertThat(source.getSecretRef()).as(where + ": Secrets by key only").isNull();
						configMap(render, source.getConfigMapRef().getName());
					});
				}
				for (Volume volume : pod.getVolumes()) {
					if (volume.getSecret() != null) {
						String secret = volume.getSecret().getSecretName();
						assertThat(render.secrets()).as(overlay + " volume " + volume.getName()).containsKey(secret);
						volume.getSecret()
							.getItems()
							.forEach((item) -> assertThat(render.secrets().get(secret)).contains(item.getKey()));
					}
					if (volume.getConfigMap() != null) {
						ConfigMap configMap = configMap(render, volume.getConfigMap().getName());
						volume.getConfigMap()
							.getItems()
							.forEach((item) -> assertThat(configMap.getData()).containsKey(item.getKey()));
					}
				}
			}
			render.all(Ingress.class)
				.forEach((ingress) -> ingress.getSpec()
					.getTls()
					.forEach((tls) -> assertThat(render.secrets()).as(overlay + " Ingress TLS")
						.containsKey(tls.getSecretName())));
			// A value with a credential in it never sits in a ConfigMap.
			for (ConfigMap configMap : render.all(ConfigMap.class)) {
				assertThat(configMap.getData().keySet()).as(overlay + " " + configMap.getMetadata().getName())
					.noneMatch((key) -> key.matches(".*(PASSWORD|SECRET|HASH|COOKIE).*")
							|| key.endsWith("_URI") && !key.equals("AUTH_JWKS_URI"));
			}
		}
	}

	@Test
	void everyVariableAnApplicationNeedsIsSetAndEveryOneItIsGivenIsRead() {
		for (String overlay : OVERLAYS) {
			Render render = render(overlay);
			for (String name : APPLICATIONS) {
				Application application = application(name);
				Container container = onlyContainer(render.deployment(name));
				Set<String> environment = render.environment(container);
				assertThat(environment).as(overlay + " " + name + ": the variables it reads without a default")
					.containsAll(application.required());
				// What is meant for it alone (its own env entries and ConfigMap) must be something it reads: a typo
				// would go unnoticed otherwise, the application falling back to its default.
				Set<String> own = new TreeSet<>();
				container.getEnv().forEach((variable) -> own.add(variable.getName()));
				render.find(ConfigMap.class, name).ifPresent((configMap) -> own.addAll(configMap.getData().keySet()));
				own.removeAll(IMAGE_AND_BOOT);
				assertThat(application.reads()).as(overlay + " " + name + " reads what it is given").containsAll(own);
			}
		}
	}

	@Test
	void eachApplicationGetsTheStoresItUsesAndNoOthers() {
		Map<String, String> connection = Map.of("mongodb", "MONGODB_URI", "redis", "REDIS_PASSWORD", "rabbitmq",
				"RABBITMQ_URI");
		for (String overlay : OVERLAYS) {
			Render render = render(overlay);
			for (String name : APPLICATIONS) {
				Application application = application(name);
				Set<String> environment = render.environment(onlyContainer(render.deployment(name)));
				connection.forEach((store, variable) -> {
					if (application.stores().contains(store)) {
						assertThat(environment).as(overlay + " " + name + " uses " + store).contains(variable);
					}
					else {
						assertThat(environment).as(overlay + " " + name + " does not use " + store)
							.doesNotContain(variable);
					}
				});
				if (application.stores().contains("redis")) {
					assertThat(environment).as(overlay + " " + name).contains("REDIS_HOST", "REDIS_PORT");
					// ecommerce-stores' Redis settings (the local overlay's Sentinel) reach the gateway as well.
					assertThat(application.reads()).as(overlay + " " + name + " reads the Redis settings it is given")
						.containsAll(environment.stream().filter((variable) -> variable.startsWith("REDIS_")).toList());
				}
			}
		}
	}

	@Test
	void authServiceSignsWithAKeyFileFromASecretAndNeverMakesOne() {
		for (String overlay : OVERLAYS) {
			Render render = render(overlay);
			Deployment auth = render.deployment("auth-service");
			Container container = onlyContainer(auth);
			assertThat(render.value(container, "AUTH_CREATE_SIGNING_KEY")).as(overlay).contains("false");
			Path keyFile = Path.of(render.value(container, "AUTH_SIGNING_KEY_FILE").orElseThrow());
			VolumeMount mount = container.getVolumeMounts()
				.stream()
				.filter((candidate) -> keyFile.getParent().equals(Path.of(candidate.getMountPath())))
				.findFirst()
				.orElseThrow(() -> new AssertionError(overlay + ": nothing mounted at " + keyFile.getParent()));
			assertThat(mount.getReadOnly()).isTrue();
			String secret = volume(auth.getSpec().getTemplate().getSpec(), mount.getName()).getSecret().getSecretName();
			assertThat(render.secrets().get(secret)).as(overlay + " " + secret)
				.contains(keyFile.getFileName().toString());
			assertThat(render.value(container, "AUTH_ISSUER")).as(overlay + ": the issuer is auth-service's Service")
				.contains("http://auth-service:" + application("auth-service").port());
		}
	}

	@Test
	void fromOutsideOnlyTheGatewayIsReachableAndOnlyMonitoringReachesTheManagementPorts() {
		for (String overlay : OVERLAYS) {
			NetworkPolicies policies = new NetworkPolicies(render(overlay));
			Pod ingressController = Pod.in("ingress-nginx");
			Pod monitoring = Pod.in("monitoring");
			Pod elsewhere = Pod.in("default");
			for (String name : APPLICATIONS) {
				Application application = application(name);
				Pod pod = policies.pod(name);
				String where = overlay + " " + name;
				assertThat(policies.allowed(ingressController, pod, application.port())).as(where + " from the ingress")
					.isEqualTo(name.equals("api-gateway"));
				assertThat(policies.allowed(ingressController, pod, application.managementPort())).as(where).isFalse();
				assertThat(policies.allowed(elsewhere, pod, application.port())).as(where + " from elsewhere")
					.isFalse();
				assertThat(policies.allowed(monitoring, pod, application.managementPort())).as(where + " scraped")
					.isTrue();
				assertThat(policies.allowed(monitoring, pod, application.port())).as(where).isFalse();
			}
			// Nothing but the ingress controller and Prometheus takes connections from another namespace.
			for (NetworkPolicy policy : policies.policies()) {
				for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
					String where = overlay + " " + policy.getMetadata().getName();
					assertThat(rule.getFrom()).as(where + ": from somewhere").isNotEmpty();
					rule.getFrom()
						.stream()
						.filter((peer) -> peer.getNamespaceSelector() != null)
						.forEach((peer) -> assertThat(peer.getNamespaceSelector().getMatchLabels())
							.as(where + ": from another namespace")
							.isIn(Map.of(NAMESPACE_NAME, "ingress-nginx"), Map.of(NAMESPACE_NAME, "monitoring")));
				}
			}
		}
	}

	@Test
	void servicesReachOnlyWhatTheyCallAndTheStoresOnlyTheirUsers() {
		Render render = render("local");
		NetworkPolicies policies = new NetworkPolicies(render);
		for (String from : APPLICATIONS) {
			// The other applications whose Service it is given a URL of (http://NAME:PORT) are those it calls
			// (auth-service gets its own, the issuer it names in tokens).
			Container container = onlyContainer(render.deployment(from));
			Set<String> called = new TreeSet<>();
			for (String variable : render.environment(container)) {
				String value = render.value(container, variable).orElse("");
				SERVICE_URL.matcher(value).results().map((url) -> url.group(1)).forEach(called::add);
			}
			called.retainAll(APPLICATIONS);
			called.remove(from);
			assertThat(called).as(from + " calls").isEqualTo(CALLS.get(from));
			for (String to : APPLICATIONS) {
				if (!from.equals(to)) {
					assertThat(policies.allowed(policies.pod(from), policies.pod(to), application(to).port()))
						.as(from + " -> " + to)
						.isEqualTo(CALLS.get(from).contains(to));
				}
			}
			Application application = application(from);
			STORES.forEach((store, workloads) -> workloads.forEach((workload, port) -> assertThat(
					policies.allowed(policies.pod(from), policies.pod(workload), port))
				.as(from + " -> " + workload + ":" + port)
				.isEqualTo(application.stores().contains(store))));
		}
		// The stores' members among themselves, and the Job that initiates the replica set.
		assertThat(policies.allowed(policies.pod("mongodb"), policies.pod("mongodb"), 27017)).isTrue();
		assertThat(policies.allowed(policies.pod("mongodb-init"), policies.pod("mongodb"), 27017)).isTrue();
		assertThat(policies.allowed(policies.pod("redis"), policies.pod("redis"), 6379)).isTrue();
		assertThat(policies.allowed(policies.pod("redis-sentinel"), policies.pod("redis"), 6379)).isTrue();
		assertThat(policies.allowed(policies.pod("redis"), policies.pod("redis-sentinel"), 26379)).isTrue();
		assertThat(policies.allowed(policies.pod("redis-sentinel"), policies.pod("redis-sentinel"), 26379)).isTrue();
		assertThat(policies.allowed(policies.pod("rabbitmq"), policies.pod("rabbitmq"), 25672)).isTrue();
		assertThat(policies.allowed(policies.pod("rabbitmq"), policies.pod("rabbitmq"), 4369)).isTrue();
		assertThat(policies.allowed(policies.pod("mongodb"), policies.pod("rabbitmq"), 5672)).isFalse();
		assertThat(policies.allowed(policies.pod("api-gateway"), policies.pod("rabbitmq"), 25672)).isFalse();
	}

	@Test
	void inProductionEachServiceReachesOnlyTheManagedStoresItUses() {
		NetworkPolicies policies = new NetworkPolicies(render("production"));
		Map<String, List<Integer>> ports = Map.of("mongodb", List.of(27017), "redis", List.of(6379, 26379),
				"rabbitmq", List.of(5672, 5671));
		Pod managed = Pod.in("managed-stores");
		for (String name : APPLICATIONS) {
			Application application = application(name);
			ports.forEach((store, numbers) -> numbers
				.forEach((port) -> assertThat(policies.allowed(policies.pod(name), managed, port))
					.as(name + " -> " + store + ":" + port)
					.isEqualTo(application.stores().contains(store))));
			assertThat(policies.allowed(policies.pod(name), managed, 443)).as(name + " -> anywhere else").isFalse();
		}
	}

	@Test
	void localRunsTheRealStoresAsStatefulSetsOfThree() {
		Render render = render("local");
		StatefulSet mongodb = render.find(StatefulSet.class, "mongodb").orElseThrow();
		assertThat(mongodb.getSpec().getReplicas()).isEqualTo(3);
		assertThat(String.join(" ", onlyContainer(mongodb.getSpec().getTemplate()).getCommand()))
			.contains("mongod --replSet rs0", "--keyFile");
		ConfigMap init = render.find(ConfigMap.class, "mongodb-init").orElseThrow();
		assertThat(init.getData().get("init-mongo.js")).as("the application's user, as docker compose makes it")
			.isEqualTo(read("mongo/init-mongo.js"));
		assertThat(init.getData().get("init-replica-set.js")).contains("rs.initiate(",
				"load('/scripts/init-mongo.js')");
		assertThat(render.find(Job.class, "mongodb-init")).isPresent();

		StatefulSet rabbitmq = render.find(StatefulSet.class, "rabbitmq").orElseThrow();
		assertThat(rabbitmq.getSpec().getReplicas()).isEqualTo(3);
		ConfigMap rabbitConfig = render.find(ConfigMap.class, "rabbitmq").orElseThrow();
		assertThat(rabbitConfig.getData().get("enabled_plugins")).contains("rabbitmq_peer_discovery_k8s");
		assertThat(String.join("\n", rabbitConfig.getData().values()))
			.contains("cluster_formation.peer_discovery_backend = k8s");

		StatefulSet redis = render.find(StatefulSet.class, "redis").orElseThrow();
		StatefulSet sentinels = render.find(StatefulSet.class, "redis-sentinel").orElseThrow();
		assertThat(redis.getSpec().getReplicas()).isEqualTo(3);
		assertThat(sentinels.getSpec().getReplicas()).isEqualTo(3);
		ConfigMap stores = render.find(ConfigMap.class, "ecommerce-stores").orElseThrow();
		List<String> sentinelNodes = new ArrayList<>();
		for (int i = 0; i < sentinels.getSpec().getReplicas(); i++) {
			sentinelNodes.add("redis-sentinel-" + i + "." + sentinels.getSpec().getServiceName() + ":26379");
		}
		assertThat(stores.getData()).containsEntry("REDIS_SENTINEL_MASTER", "mymaster")
			.containsEntry("REDIS_SENTINEL_NODES", String.join(",", sentinelNodes));
		assertThat(render.find(ConfigMap.class, "redis-scripts").orElseThrow().getData().get("sentinel.sh"))
			.contains("sentinel monitor mymaster ");

		// The URIs create-secrets.sh writes name every member, as the pods of those StatefulSets are called.
		String secrets = read("deploy/kubernetes/overlays/local/create-secrets.sh");
		assertThat(secrets).contains("mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/ecommerce"
				+ "?replicaSet=rs0&authSource=ecommerce", "@rabbitmq-0.rabbitmq:5672,", "@rabbitmq-2.rabbitmq:5672\"");
		for (StatefulSet set : render.all(StatefulSet.class)) {
			assertThat(render.find(Service.class, set.getSpec().getServiceName())).as(set.getMetadata().getName())
				.hasValueSatisfying((service) -> assertThat(service.getSpec().getClusterIP()).isEqualTo("None"));
		}
	}

	@Test
	void productionRunsNoStoresOfItsOwnAndServesOverTls() {
		Render production = render("production");
		assertThat(production.all(StatefulSet.class)).isEmpty();
		assertThat(production.all(Job.class)).isEmpty();
		Ingress ingress = production.find(Ingress.class, "api-gateway").orElseThrow();
		assertThat(ingress.getSpec().getTls()).hasSize(1);
		assertThat(ingress.getSpec().getRules()).extracting((rule) -> rule.getHost())
			.containsExactlyElementsOf(ingress.getSpec().getTls().get(0).getHosts());
	}

	@Test
	void eachApplicationsServiceTakesItsApiPortAndTheIngressLeadsToTheGateway() {
		for (String overlay : OVERLAYS) {
			Render render = render(overlay);
			for (String name : APPLICATIONS) {
				Service service = render.find(Service.class, name).orElseThrow();
				Map<String, String> labels = render.deployment(name).getSpec().getTemplate().getMetadata().getLabels();
				assertThat(labels).as(overlay + " " + name).containsAllEntriesOf(service.getSpec().getSelector());
				ServicePort port = service.getSpec().getPorts().get(0);
				assertThat(service.getSpec().getPorts()).as(overlay + " " + name + ": the API only").hasSize(1);
				assertThat(port.getPort()).as(overlay + " " + name + ": the port compose and scripts/stack use")
					.isEqualTo(application(name).port());
				assertThat(portNumber(onlyContainer(render.deployment(name)), port.getTargetPort()))
					.isEqualTo(application(name).port());
			}
			List<Ingress> ingresses = render.all(Ingress.class);
			assertThat(ingresses).hasSize(1);
			ingresses.get(0).getSpec().getRules().forEach((rule) -> rule.getHttp().getPaths().forEach((path) -> {
				IngressBackend backend = path.getBackend();
				assertThat(backend.getService().getName()).isEqualTo("api-gateway");
				assertThat(backend.getService().getPort().getNumber()).isEqualTo(application("api-gateway").port());
			}));
		}
	}

	// ---- helpers ----

	private static int maxReplicas(Render render, String name) {
		return render.find(HorizontalPodAutoscaler.class, name).orElseThrow().getSpec().getMaxReplicas();
	}

	private static Container onlyContainer(Deployment deployment) {
		return onlyContainer(deployment.getSpec().getTemplate());
	}

	private static Container onlyContainer(PodTemplateSpec template) {
		assertThat(template.getSpec().getContainers()).hasSize(1);
		return template.getSpec().getContainers().get(0);
	}

	/** An HTTP probe as {@code path:port}, its port resolved to a number. */
	private static String probe(Container container, Probe probe) {
		assertThat(probe).as(container.getName() + " probe").isNotNull();
		HTTPGetAction get = probe.getHttpGet();
		return get.getPath() + ":" + portNumber(container, get.getPort());
	}

	private static Volume volume(PodSpec pod, String name) {
		return pod.getVolumes()
			.stream()
			.filter((volume) -> volume.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no volume " + name));
	}

	private static ConfigMap configMap(Render render, String name) {
		return render.find(ConfigMap.class, name)
			.orElseThrow(() -> new AssertionError(render.overlay() + ": no ConfigMap " + name));
	}

	private static List<PodSpec> podSpecs(Render render) {
		List<PodSpec> pods = new ArrayList<>();
		render.all(Deployment.class).forEach((d) -> pods.add(d.getSpec().getTemplate().getSpec()));
		render.all(StatefulSet.class).forEach((s) -> pods.add(s.getSpec().getTemplate().getSpec()));
		render.all(Job.class).forEach((job) -> pods.add(job.getSpec().getTemplate().getSpec()));
		return pods;
	}

	private static boolean onPath(String program) {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.anyMatch((directory) -> !directory.isEmpty() && Files.isExecutable(Path.of(directory, program)));
	}

}
