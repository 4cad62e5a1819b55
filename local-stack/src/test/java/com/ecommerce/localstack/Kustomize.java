package com.ecommerce.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code kustomize build} for exactly the features deploy/kubernetes uses, so that the manifests are checked where
 * neither kustomize nor kubectl is installed: {@code resources} (files and directories), {@code namespace},
 * {@code labels} (metadata only), {@code images} and {@code patches} (strategic merge, the target named by the patch's
 * kind and name). A kustomization with any other field fails the render, so the files cannot outgrow it unnoticed;
 * where kubectl is installed, KubernetesManifestsTests compares this render with {@code kubectl kustomize}'s.
 */
final class Kustomize {

	private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "namespace", "labels",
			"images", "patches");

	/** Kinds without a namespace, among those the manifests have. */
	private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

	/** Strategic merge's keys of the lists the patches touch (Kubernetes' patchMergeKey); other lists are replaced. */
	private static final Map<String, String> MERGE_KEYS = Map.of("containers", "name", "initContainers", "name", "env",
			"name", "volumes", "name", "volumeMounts", "mountPath", "imagePullSecrets", "name");

	private Kustomize() {
	}

	/** The resources of the kustomization in {@code directory}, each a YAML tree of maps and lists. */
	static List<Map<String, Object>> build(Path directory) {
		Map<String, Object> kustomization = map(load(directory.resolve("kustomization.yaml")).get(0));
		for (String field : kustomization.keySet()) {
			if (!FIELDS.contains(field)) {
				throw new IllegalStateException(directory + ": kustomization field '" + field
						+ "' is not one this renderer knows (" + FIELDS + ")");
			}
		}
		List<Map<String, Object>> resources = new ArrayList<>();
		for (Object entry : list(kustomization.get("resources"))) {
			Path path = directory.resolve((String) entry).normalize();
			if (Files.isDirectory(path)) {
				resources.addAll(build(path));
			}
			else {
				load(path).forEach((document) -> resources.add(map(document)));
			}
		}
		for (Object entry : list(kustomization.get("patches"))) {
			Map<String, Object> patch = patch(directory, map(entry));
			Map<String, Object> target = resources.stream()
				.filter((resource) -> Objects.equals(resource.get("kind"), patch.get("kind"))
						&& Objects.equals(name(resource), name(patch)))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						directory + ": no " + patch.get("kind") + " " + name(patch) + " to patch"));
			merge(target, patch);
		}
		String namespace = (String) kustomization.get("namespace");
		if (namespace != null) {
			resources.stream()
				.filter((resource) -> !CLUSTER_SCOPED.contains(resource.get("kind")))
				.forEach((resource) -> metadata(resource).put("namespace", namespace));
		}
		for (Object entry : list(kustomization.get("labels"))) {
			Map<String, Object> labels = map(entry);
			if (!Set.of("pairs").containsAll(labels.keySet())) {
				throw new IllegalStateException(directory + ": labels with more than pairs: " + labels.keySet());
			}
			resources.forEach((resource) -> child(metadata(resource), "labels").putAll(map(labels.get("pairs"))));
		}
		for (Object entry : list(kustomization.get("images"))) {
			Map<String, Object> image = map(entry);
			resources.forEach((resource) -> containers(resource).forEach((container) -> setImage(container, image)));
		}
		return resources;
	}

	/** The containers (init containers too) of a resource with a pod template, as mutable maps. */
	static List<Map<String, Object>> containers(Map<String, Object> resource) {
		Map<String, Object> spec = map(resource.get("spec"));
		Map<String, Object> template = map(spec.get("template"));
		if ("CronJob".equals(resource.get("kind"))) {
			template = map(map(map(spec.get("jobTemplate")).get("spec")).get("template"));
		}
		Map<String, Object> podSpec = map(template.get("spec"));
		List<Map<String, Object>> containers = new ArrayList<>();
		for (String field : List.of("initContainers", "containers")) {
			list(podSpec.get(field)).forEach((container) -> containers.add(map(container)));
		}
		return containers;
	}

	static String name(Map<String, Object> resource) {
		return (String) metadata(resource).get("name");
	}

	/** Every document of a YAML file, empty ones left out. */
	static List<Object> load(Path file) {
		try {
			return documents(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<Object> documents(String yaml) {
		List<Object> documents = new ArrayList<>();
		new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml).forEach((document) -> {
			if (document != null) {
				documents.add(document);
			}
		});
		return documents;
	}

	private static Map<String, Object> patch(Path directory, Map<String, Object> entry) {
		if (entry.size() != 1 || !Set.of("path", "patch").containsAll(entry.keySet())) {
			throw new IllegalStateException(directory + ": a patch is a path or an inline patch, no target: " + entry);
		}
		List<Object> documents = entry.containsKey("path") ? load(directory.resolve((String) entry.get("path")))
				: documents((String) entry.get("patch"));
		if (documents.size() != 1) {
			throw new IllegalStateException(directory + ": one document per patch: " + entry);
		}
		return map(documents.get(0));
	}

	/** A strategic merge patch, applied in place: maps merge, null removes, lists with a merge key merge by it. */
	@SuppressWarnings("unchecked")
	private static void merge(Map<String, Object> target, Map<String, Object> patch) {
		patch.forEach((key, value) -> {
			Object current = target.get(key);
			if (value == null) {
				target.remove(key);
			}
			else if (value instanceof Map<?, ?> && current instanceof Map<?, ?>) {
				merge((Map<String, Object>) current, (Map<String, Object>) value);
			}
			else if (value instanceof List<?> patchList && current instanceof List<?> currentList
					&& MERGE_KEYS.containsKey(key)) {
				target.put(key, mergeLists((List<Object>) currentList, (List<Object>) patchList, MERGE_KEYS.get(key)));
			}
			else {
				target.put(key, value);
			}
		});
	}

	/** As kustomize orders them: the patch's elements (merged with the ones they name), then the others unchanged. */
	@SuppressWarnings("unchecked")
	private static List<Object> mergeLists(List<Object> current, List<Object> patch, String key) {
		List<Object> merged = new ArrayList<>();
		List<Object> rest = new ArrayList<>(current);
		for (Object element : patch) {
			Object id = map(element).get(key);
			Object match = rest.stream()
				.filter((item) -> Objects.equals(map(item).get(key), id))
				.findFirst()
				.orElse(null);
			if (match != null) {
				rest.remove(match);
				merge((Map<String, Object>) match, map(element));
				merged.add(match);
			}
			else {
				merged.add(element);
			}
		}
		merged.addAll(rest);
		return merged;
	}

	/** kustomize's images: a container whose image is {@code name} (any tag) gets newName and newTag. */
	private static void setImage(Map<String, Object> container, Map<String, Object> image) {
		String current = (String) container.get("image");
		if (current == null) {
			return;
		}
		int colon = current.lastIndexOf(':');
		boolean tagged = colon > current.lastIndexOf('/');
		String repository = tagged ? current.substring(0, colon) : current;
		if (repository.equals(image.get("name"))) {
			String newName = (String) image.getOrDefault("newName", repository);
			Object newTag = image.getOrDefault("newTag", tagged ? current.substring(colon + 1) : null);
			container.put("image", (newTag != null) ? newName + ":" + newTag : newName);
		}
	}

	private static Map<String, Object> metadata(Map<String, Object> resource) {
		return child(resource, "metadata");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> child(Map<String, Object> parent, String key) {
		return (Map<String, Object>) parent.computeIfAbsent(key, (k) -> new LinkedHashMap<>());
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object node) {
		return (node instanceof Map<?, ?>) ? (Map<String, Object>) node : new LinkedHashMap<>();
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object node) {
		return (node instanceof List<?>) ? (List<Object>) node : List.of();
	}

}
