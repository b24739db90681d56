package com.crmbot.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects validation errors and resolves each field path to its line in the file.
 * <p>
 * A file that could not be read or bound is <em>unreadable</em>: its own problem is
 * reported once, its defaults stand in so that the other files are still checked, and
 * nothing further is reported against it or against references into it (an unknown user
 * in {@code workflow.yaml} because {@code org.yaml} is broken would be noise).
 */
public final class ConfigErrors {

	/** The admin files in the order problems are listed. */
	static final List<String> FILES = List.of(ConfigLoader.ORG, ConfigLoader.CUSTOMERS, ConfigLoader.INQUIRY,
			ConfigLoader.BOT, ConfigLoader.WORKFLOW, ConfigLoader.CALLS);

	private final List<ConfigError> errors;

	private final Map<String, Node> roots;

	private final Set<String> unreadable;

	ConfigErrors(Map<String, Node> roots) {
		this(roots, new ArrayList<>(), new HashSet<>());
	}

	private ConfigErrors(Map<String, Node> roots, List<ConfigError> errors, Set<String> unreadable) {
		this.roots = roots;
		this.errors = errors;
		this.unreadable = unreadable;
	}

	/**
	 * Report a problem with the field at {@code path} (e.g. {@code users[2].role}) in
	 * {@code file}. Ignored when the file itself could not be read (the values checked
	 * are defaults, not the file's).
	 */
	public void add(String file, String path, String message) {
		if (!unreadable.contains(file)) {
			errors.add(new ConfigError(file, YamlLines.lineOf(roots.get(file), path), path, message));
		}
	}

	/**
	 * Report a reference from {@code file} into {@code target} that does not resolve
	 * (e.g. an approver who is not a user of {@code org.yaml}). Ignored when either file
	 * could not be read: the reference cannot be judged then.
	 */
	public void addReference(String file, String path, String target, String message) {
		if (!unreadable.contains(target)) {
			add(file, path, message);
		}
	}

	/** Whether {@code file} was read and bound (its values are the file's own). */
	public boolean readable(String file) {
		return !unreadable.contains(file);
	}

	void unreadable(String file) {
		unreadable.add(file);
	}

	/** The line of a field path in a file (0 when unknown). */
	int lineOf(String file, String path) {
		return YamlLines.lineOf(roots.get(file), path);
	}

	void add(ConfigError error) {
		errors.add(error);
	}

	/** A copy to add further problems to, leaving this one as it is. */
	ConfigErrors copy() {
		return new ConfigErrors(roots, new ArrayList<>(errors), new HashSet<>(unreadable));
	}

	public boolean isEmpty() {
		return errors.isEmpty();
	}

	public List<ConfigError> list() {
		return List.copyOf(errors);
	}

	/** Every problem, by file (org.yaml first) then line; same-line problems as found. */
	List<ConfigError> sorted() {
		return errors.stream()
			.sorted(Comparator.comparingInt((ConfigError e) -> order(e.file())).thenComparingInt(ConfigError::line))
			.toList();
	}

	private static int order(String file) {
		int i = FILES.indexOf(file);
		return (i >= 0) ? i : FILES.size();
	}

}
