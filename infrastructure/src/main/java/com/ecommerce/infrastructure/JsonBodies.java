package com.ecommerce.infrastructure;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Request bodies for tests that break one field of a valid body at a time. */
public final class JsonBodies {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JsonBodies() {
	}

	/**
	 * {@code json} with the field at {@code path} ({@code address.street}; an index such as {@code images[3]} names
	 * the whole array) set to {@code valueJson}, or removed when {@code valueJson} is null.
	 */
	public static String withField(String json, String path, String valueJson) {
		ObjectNode body = (ObjectNode) JSON.readTree(json);
		ObjectNode parent = body;
		String[] names = path.replaceAll("\\[\\d+]$", "").split("\\.");
		for (int i = 0; i < names.length - 1; i++) {
			parent = (ObjectNode) parent.get(names[i]);
		}
		String name = names[names.length - 1];
		if (valueJson == null) {
			parent.remove(name);
		}
		else {
			parent.set(name, JSON.readTree(valueJson));
		}
		return body.toString();
	}

}
