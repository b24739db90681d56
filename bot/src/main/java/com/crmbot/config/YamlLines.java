package com.crmbot.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds the line of a field path such as {@code users[2].role} in a composed YAML tree.
 */
final class YamlLines {

	private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

	private YamlLines() {
	}

	/**
	 * The 1-based line of the deepest node on the path that exists (so a missing field
	 * points at its parent), or 0 when there is no tree.
	 */
	static int lineOf(Node root, String path) {
		if (root == null) {
			return 0;
		}
		Node node = root;
		int line = root.getStartMark().getLine() + 1;
		if (path == null) {
			return line;
		}
		for (Object seg : segments(path)) {
			Node next = null;
			if (seg instanceof Integer i && node instanceof SequenceNode seq && i < seq.getValue().size()) {
				next = seq.getValue().get(i);
			}
			else if (seg instanceof String key && node instanceof MappingNode map) {
				for (NodeTuple t : map.getValue()) {
					if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
						line = t.getKeyNode().getStartMark().getLine() + 1;
						next = t.getValueNode();
						break;
					}
				}
				if (next == null) {
					return line;
				}
				node = next;
				continue;
			}
			if (next == null) {
				return line;
			}
			node = next;
			line = node.getStartMark().getLine() + 1;
		}
		return line;
	}

	private static List<Object> segments(String path) {
		List<Object> out = new ArrayList<>();
		Matcher m = SEGMENT.matcher(path);
		while (m.find()) {
			out.add((m.group(1) != null) ? m.group(1) : Integer.valueOf(m.group(2)));
		}
		return out;
	}

}
