package com.ecommerce.localstack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Whether the NetworkPolicies of a render let a TCP connection through, as Kubernetes decides it: a pod that a policy
 * of a direction selects gets only what one of those policies' rules allows, in that direction; a connection needs
 * the source's egress and the destination's ingress. Pods outside the render's namespace are not governed by its
 * policies. IP blocks are not modelled (the manifests have none).
 */
final class NetworkPolicies {

	/** A pod: its namespace, labels and named ports. */
	record Pod(String name, String namespace, Map<String, String> labels, Map<String, Integer> ports) {

		/** A pod of another namespace, e.g. the ingress controller's. */
		static Pod in(String namespace) {
			return new Pod(namespace, namespace, Map.of(), Map.of());
		}

	}

	private final String namespace;

	private final List<NetworkPolicy> policies;

	private final Map<String, Pod> pods = new HashMap<>();

	NetworkPolicies(KubernetesManifests.Render render) {
		this.policies = render.all(NetworkPolicy.class);
		this.namespace = this.policies.get(0).getMetadata().getNamespace();
		render.all(Deployment.class).forEach((d) -> add(d.getMetadata().getName(), d.getSpec().getTemplate()));
		render.all(StatefulSet.class).forEach((s) -> add(s.getMetadata().getName(), s.getSpec().getTemplate()));
		render.all(Job.class).forEach((job) -> add(job.getMetadata().getName(), job.getSpec().getTemplate()));
	}

	/** A pod of the workload of that name (Deployment, StatefulSet or Job). */
	Pod pod(String name) {
		return Objects.requireNonNull(this.pods.get(name), () -> "no workload " + name);
	}

	List<NetworkPolicy> policies() {
		return this.policies;
	}

	boolean allowed(Pod from, Pod to, int port) {
		return allowedOut(from, to, port) && allowedIn(from, to, port);
	}

	private boolean allowedIn(Pod from, Pod to, int port) {
		if (!to.namespace().equals(this.namespace)) {
			return true;
		}
		List<NetworkPolicy> selecting = selecting(to, "Ingress");
		return selecting.isEmpty() || selecting.stream()
			.flatMap((policy) -> policy.getSpec().getIngress().stream())
			.anyMatch((rule) -> matches(rule.getFrom(), from) && matches(rule.getPorts(), to, port));
	}

	private boolean allowedOut(Pod from, Pod to, int port) {
		if (!from.namespace().equals(this.namespace)) {
			return true;
		}
		List<NetworkPolicy> selecting = selecting(from, "Egress");
		return selecting.isEmpty() || selecting.stream()
			.flatMap((policy) -> policy.getSpec().getEgress().stream())
			.anyMatch((rule) -> matches(rule.getTo(), to) && matches(rule.getPorts(), to, port));
	}

	private List<NetworkPolicy> selecting(Pod pod, String type) {
		return this.policies.stream()
			.filter((policy) -> policy.getSpec().getPolicyTypes().contains(type)
					&& selects(policy.getSpec().getPodSelector(), pod.labels()))
			.toList();
	}

	/** No peers: any pod anywhere. */
	private boolean matches(List<NetworkPolicyPeer> peers, Pod pod) {
		return peers.isEmpty() || peers.stream().anyMatch((peer) -> matches(peer, pod));
	}

	private boolean matches(NetworkPolicyPeer peer, Pod pod) {
		if (peer.getIpBlock() != null) {
			throw new IllegalStateException("ipBlock peers are not modelled");
		}
		boolean namespaceMatches = (peer.getNamespaceSelector() != null)
				? selects(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", pod.namespace()))
				: pod.namespace().equals(this.namespace);
		return namespaceMatches && (peer.getPodSelector() == null || selects(peer.getPodSelector(), pod.labels()));
	}

	/** No ports: every port; a named port is the destination's container port of that name. */
	private static boolean matches(List<NetworkPolicyPort> ports, Pod to, int port) {
		return ports.isEmpty() || ports.stream().anyMatch((candidate) -> {
			IntOrString value = candidate.getPort();
			Integer number = (value.getIntVal() != null) ? value.getIntVal() : to.ports().get(value.getStrVal());
			String protocol = (candidate.getProtocol() != null) ? candidate.getProtocol() : "TCP";
			return protocol.equals("TCP") && Objects.equals(number, port);
		});
	}

	static boolean selects(LabelSelector selector, Map<String, String> labels) {
		Map<String, String> matchLabels = (selector.getMatchLabels() != null) ? selector.getMatchLabels() : Map.of();
		boolean all = matchLabels.entrySet()
			.stream()
			.allMatch((label) -> label.getValue().equals(labels.get(label.getKey())));
		List<LabelSelectorRequirement> expressions = (selector.getMatchExpressions() != null)
				? selector.getMatchExpressions() : List.of();
		return all && expressions.stream().allMatch((expression) -> {
			String value = labels.get(expression.getKey());
			return switch (expression.getOperator()) {
				case "In" -> expression.getValues().contains(value);
				case "NotIn" -> !expression.getValues().contains(value);
				case "Exists" -> value != null;
				case "DoesNotExist" -> value == null;
				default -> throw new IllegalStateException(expression.getOperator());
			};
		});
	}

	private void add(String name, PodTemplateSpec template) {
		Map<String, Integer> ports = new HashMap<>();
		template.getSpec().getContainers().forEach((container) -> container.getPorts().forEach((port) -> {
			if (port.getName() != null) {
				ports.put(port.getName(), port.getContainerPort());
			}
		}));
		this.pods.put(name, new Pod(name, this.namespace, template.getMetadata().getLabels(), ports));
	}

}
