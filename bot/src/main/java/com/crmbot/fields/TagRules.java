package com.crmbot.fields;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.crmbot.config.CustomerConfig;
import com.crmbot.config.CustomerConfig.TagGroup;

/** Tags must belong to a configured group; an exclusive group (tier A/B/C) keeps one. */
public final class TagRules {

	private TagRules() {
	}

	public static Optional<TagGroup> groupOf(CustomerConfig cc, String tag) {
		return cc.tagGroups()
			.stream()
			.filter((g) -> g.tags().stream().anyMatch((t) -> t.equalsIgnoreCase(tag)))
			.findFirst();
	}

	/** The configured spelling of a tag, or empty when no group has it. */
	public static Optional<String> canonical(CustomerConfig cc, String tag) {
		return groupOf(cc, tag).flatMap((g) -> g.tags().stream().filter((t) -> t.equalsIgnoreCase(tag)).findFirst());
	}

	/**
	 * Add tags to a set, replacing other tags of an exclusive group. Returns the new list
	 * or throws {@link Rejected} naming the reply template that tells the user why.
	 */
	public static List<String> add(CustomerConfig cc, List<String> current, List<String> add) {
		Set<String> out = new LinkedHashSet<>(current);
		Set<String> exclusiveSeen = new LinkedHashSet<>();
		for (String raw : add) {
			String tag = canonical(cc, raw)
				.orElseThrow(() -> new Rejected("tag-unknown", Map.of("tag", raw, "tags", all(cc))));
			TagGroup g = groupOf(cc, tag).orElseThrow();
			if (g.exclusive()) {
				if (!exclusiveSeen.add(g.id())) {
					throw new Rejected("tag-exclusive",
							Map.of("group", (g.label() != null) ? g.label() : g.id(), "tags", g.tags()));
				}
				out.removeAll(g.tags());
			}
			out.add(tag);
		}
		return new ArrayList<>(out);
	}

	public static String all(CustomerConfig cc) {
		List<String> parts = new ArrayList<>();
		for (TagGroup g : cc.tagGroups()) {
			parts.add((g.label() != null ? g.label() : g.id()) + " " + String.join("/", g.tags()));
		}
		return String.join("；", parts);
	}

	/**
	 * Tags that cannot be added: the reply template saying why, and its values.
	 *
	 * @param key the reply template
	 * @param vars its values
	 */
	public static final class Rejected extends IllegalArgumentException {

		private final String key;

		private final transient Map<String, ?> vars;

		Rejected(String key, Map<String, ?> vars) {
			super(key + " " + vars);
			this.key = key;
			this.vars = vars;
		}

		public String key() {
			return key;
		}

		public Map<String, ?> vars() {
			return vars;
		}

	}

}
