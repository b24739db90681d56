package com.crmbot.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.nodes.Node;

/** Collects validation errors and resolves each field path to its line in the file. */
public final class ConfigErrors {

	private final List<ConfigError> errors = new ArrayList<>();

	private final Map<String, Node> roots;

	ConfigErrors(Map<String, Node> roots) {
		this.roots = roots;
	}

	/**
	 * Report a problem with the field at {@code path} (e.g. {@code users[2].role}) in
	 * {@code file}.
	 */
	public void add(String file, String path, String message) {
		errors.add(new ConfigError(file, YamlLines.lineOf(roots.get(file), path), path, message));
	}

	/** The line of a field path in a file (0 when unknown). */
	int lineOf(String file, String path) {
		return YamlLines.lineOf(roots.get(file), path);
	}

	void add(ConfigError error) {
		errors.add(error);
	}

	public boolean isEmpty() {
		return errors.isEmpty();
	}

	public List<ConfigError> list() {
		return List.copyOf(errors);
	}

}
