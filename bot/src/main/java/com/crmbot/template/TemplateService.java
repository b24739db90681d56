package com.crmbot.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookup;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Renders the plain-text templates under {@code templates/}, which admins may reword
 * without a rebuild (files are re-read when they change).
 * <ul>
 * <li>{@code replies/<locale>/<key>.txt}: the bot's reply texts, Simplified Chinese
 * ({@code zh-CN}) by default, English ({@code en}) per user;</li>
 * <li>{@code tpl/<name>.txt}: "/" templates (quote, objection script, contract) filled
 * with a customer's fields.</li>
 * </ul>
 * Placeholders are {@code ${name}} (Commons Text).
 */
@Service
public class TemplateService {

	public static final String DEFAULT_LOCALE = "zh-CN";

	/** The command catalogue's key under {@code replies/<locale>/}. */
	public static final String COMMANDS = "commands";

	private final Path dir;

	private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

	TemplateService(@Value("${crmbot.templates.dir:./templates}") String dir) {
		this.dir = Path.of(dir);
	}

	public Path dir() {
		return dir;
	}

	/**
	 * Render a reply template in the given locale (falling back to the default locale).
	 */
	public String reply(String locale, String key, Map<String, ?> vars) {
		Path file = dir.resolve("replies").resolve(locale).resolve(key + ".txt");
		if (!Files.isRegularFile(file)) {
			file = dir.resolve("replies").resolve(DEFAULT_LOCALE).resolve(key + ".txt");
		}
		Rendered r = render(read(file), vars, false);
		if (!r.missing().isEmpty()) {
			throw new IllegalStateException("Template " + file + " uses unknown placeholder(s) " + r.missing());
		}
		return r.text().stripTrailing();
	}

	/**
	 * A reply template in every language, joined by {@code " / "} (zh-CN first): for
	 * answers written before the caller's language is known (HTTP filters).
	 */
	public String both(String key, Map<String, ?> vars) {
		List<String> out = new ArrayList<>();
		out.add(reply(DEFAULT_LOCALE, key, vars));
		for (String locale : locales()) {
			if (!locale.equals(DEFAULT_LOCALE)) {
				out.add(reply(locale, key, vars));
			}
		}
		return String.join(" / ", out);
	}

	/**
	 * A label template: one {@code key=words} line each (a card's title and field
	 * labels), rendered in the locale. The order of the lines is the order the card shows
	 * its fields in, so admins may reword, reorder or drop them.
	 */
	public Labels labels(String locale, String key, Map<String, ?> vars) {
		Map<String, String> out = new java.util.LinkedHashMap<>();
		for (String line : reply(locale, key, vars).split("\n")) {
			int eq = line.indexOf('=');
			if (eq > 0) {
				out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
			}
		}
		return new Labels(key, out);
	}

	/**
	 * A card written as a label template: {@code heading=} is its title, a
	 * {@code name=words} line starts a section headed by the words, and
	 * {@code name.n=words} lines are that section's list items (e.g. the welcome card's
	 * examples). Admins add, drop or reorder lines freely.
	 */
	public com.crmbot.connector.Reply card(String locale, String key, Map<String, ?> vars) {
		Labels labels = labels(locale, key, vars);
		com.crmbot.connector.Reply.Builder card = com.crmbot.connector.Reply.card(labels.words().get("heading"));
		String heading = null;
		List<String> items = new ArrayList<>();
		for (String k : labels.keysExcept("heading")) {
			if (k.contains(".")) {
				items.add(labels.get(k));
				continue;
			}
			card.list(heading, items);
			heading = labels.get(k);
			items = new ArrayList<>();
		}
		return card.list(heading, items).build();
	}

	/**
	 * A command's words in a language, from the command catalogue
	 * ({@code replies/<locale>/commands.txt}: {@code name.aliases=}, {@code name.usage=},
	 * {@code name.help=} lines), falling back to the default locale's entry.
	 * @throws IllegalStateException when no catalogue has the command's help
	 */
	public CommandWords command(String locale, String name) {
		Map<String, String> words = catalogue(locale);
		if (!words.containsKey(name + ".help")) {
			words = catalogue(DEFAULT_LOCALE);
		}
		String help = words.get(name + ".help");
		if (help == null) {
			throw new IllegalStateException(
					"The command catalogue (replies/<locale>/" + COMMANDS + ".txt) has no line " + name + ".help=...");
		}
		List<String> aliases = java.util.Arrays.stream(words.getOrDefault(name + ".aliases", "").split("[,，]"))
			.map(String::strip)
			.filter((w) -> !w.isEmpty())
			.toList();
		return new CommandWords(name, aliases, words.getOrDefault(name + ".usage", ""), help);
	}

	/**
	 * The raw {@code key=words} lines of a locale's command catalogue (empty when the
	 * locale has none).
	 */
	public Map<String, String> catalogue(String locale) {
		Path file = dir.resolve("replies").resolve(locale).resolve(COMMANDS + ".txt");
		Map<String, String> out = new java.util.LinkedHashMap<>();
		if (!Files.isRegularFile(file)) {
			return out;
		}
		for (String line : read(file).split("\n")) {
			int eq = line.indexOf('=');
			if (eq > 0 && !line.startsWith("#")) {
				out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
			}
		}
		return out;
	}

	/** The languages there are reply templates for ({@code zh-CN}, {@code en}...). */
	public List<String> locales() {
		Path replies = dir.resolve("replies");
		if (!Files.isDirectory(replies)) {
			return List.of(DEFAULT_LOCALE);
		}
		try (Stream<Path> dirs = Files.list(replies)) {
			return dirs.filter(Files::isDirectory).map((p) -> p.getFileName().toString()).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The reply template keys that exist for a locale. */
	public List<String> replyKeys(String locale) {
		return list(dir.resolve("replies").resolve(locale));
	}

	/** The "/" template names (files under {@code tpl/}). */
	public List<String> slashTemplates() {
		return list(dir.resolve("tpl"));
	}

	public boolean slashTemplateExists(String name) {
		return name.matches("[\\w-]+") && Files.isRegularFile(dir.resolve("tpl").resolve(name + ".txt"));
	}

	/**
	 * Render a "/" template. Placeholders without a value are listed in
	 * {@link Rendered#missing()} and shown as a visible gap, never as raw {@code ${...}}.
	 */
	public Rendered slash(String name, Map<String, ?> vars) {
		if (!slashTemplateExists(name)) {
			throw new IllegalArgumentException("no template " + name);
		}
		return render(read(dir.resolve("tpl").resolve(name + ".txt")), vars, true, Map.of(), this::gap);
	}

	/**
	 * Fill a "/" template; a gap is marked with the placeholder's label (【待补充：成交金额】).
	 */
	public Rendered slash(String name, Map<String, ?> vars, Map<String, String> labels) {
		if (!slashTemplateExists(name)) {
			throw new IllegalArgumentException("no template " + name);
		}
		return render(read(dir.resolve("tpl").resolve(name + ".txt")), vars, true, labels, this::gap);
	}

	/**
	 * The "/" templates' names in a language (tpl-names: {@code quote=报价单,报价}): name →
	 * its display name first, then other words for it.
	 */
	public java.util.Map<String, List<String>> slashTemplateNames(String locale) {
		java.util.Map<String, List<String>> out = new java.util.LinkedHashMap<>();
		for (String name : slashTemplates()) {
			out.put(name, List.of(name));
		}
		for (String line : reply(locale, "tpl-names", java.util.Map.of()).split("\n")) {
			int eq = line.indexOf('=');
			if (eq > 0 && out.containsKey(line.substring(0, eq).strip())) {
				List<String> words = java.util.Arrays.stream(line.substring(eq + 1).split("[,，]"))
					.map(String::strip)
					.filter((w) -> !w.isEmpty())
					.toList();
				out.put(line.substring(0, eq).strip(),
						words.isEmpty() ? List.of(line.substring(0, eq).strip()) : words);
			}
		}
		return out;
	}

	/**
	 * A "/" template by its name or any of its words in either language (报价单 → quote).
	 */
	public java.util.Optional<String> slashTemplateNamed(String typed) {
		String t = typed.strip();
		if (slashTemplateExists(t)) {
			return java.util.Optional.of(t);
		}
		for (String locale : List.of(DEFAULT_LOCALE, "en")) {
			for (var e : slashTemplateNames(locale).entrySet()) {
				if (e.getValue().stream().anyMatch((w) -> w.equalsIgnoreCase(t))) {
					return java.util.Optional.of(e.getKey());
				}
			}
		}
		return java.util.Optional.empty();
	}

	/**
	 * How a "/" template marks a gap (template slash-gap, in the default language like
	 * the "/" templates themselves: 【待补充：成交金额】).
	 */
	private String gap(String label) {
		return reply(DEFAULT_LOCALE, "slash-gap", Map.of("label", label));
	}

	/**
	 * Render text with the variables; missing ones are listed (and shown as their name).
	 * @param blankIsMissing whether an empty value counts as missing
	 */
	static Rendered render(String template, Map<String, ?> vars, boolean blankIsMissing) {
		return render(template, vars, blankIsMissing, Map.of(), (label) -> label);
	}

	/**
	 * Render text with the variables; missing ones become the gap mark of their label and
	 * are listed.
	 */
	static Rendered render(String template, Map<String, ?> vars, boolean blankIsMissing, Map<String, String> labels,
			java.util.function.UnaryOperator<String> gap) {
		Set<String> missing = new LinkedHashSet<>();
		StringLookup lookup = (key) -> {
			Object v = vars.get(key);
			if (v == null || (blankIsMissing && v.toString().isBlank())) {
				missing.add(key);
				return gap.apply(labels.getOrDefault(key, key));
			}
			return v.toString();
		};
		StringSubstitutor sub = new StringSubstitutor(lookup);
		sub.setDisableSubstitutionInValues(true);
		String text = sub.replace(template);
		return new Rendered(text, List.copyOf(missing));
	}

	private String read(Path file) {
		try {
			FileTime mtime = Files.getLastModifiedTime(file);
			Cached c = cache.get(file);
			if (c != null && c.mtime().equals(mtime)) {
				return c.text();
			}
			String text = Files.readString(file, StandardCharsets.UTF_8);
			cache.put(file, new Cached(mtime, text));
			return text;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read template " + file, ex);
		}
	}

	private static List<String> list(Path folder) {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			List<String> names = new ArrayList<>();
			files.map((p) -> p.getFileName().toString())
				.filter((n) -> n.endsWith(".txt"))
				.sorted()
				.forEach((n) -> names.add(n.substring(0, n.length() - 4)));
			return names;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The labels of a label template, in file order.
	 *
	 * @param template the template's key
	 * @param words key → words
	 */
	public record Labels(String template, Map<String, String> words) {

		/** The words for a key; a template missing it is a broken template. */
		public String get(String key) {
			String w = words.get(key);
			if (w == null) {
				throw new IllegalStateException("Template " + template + " has no line " + key + "=...");
			}
			return w;
		}

		/** The keys in file order, except the given ones (e.g. the title). */
		public List<String> keysExcept(String... skip) {
			List<String> out = new ArrayList<>(words.keySet());
			out.removeAll(List.of(skip));
			return out;
		}

	}

	/**
	 * A command's words in one language.
	 *
	 * @param name the command's name
	 * @param aliases what users of the language may type instead of the name
	 * @param usage argument synopsis, e.g. {@code <customer> <note>}
	 * @param help one line of help
	 */
	public record CommandWords(String name, List<String> aliases, String usage, String help) {

		/** {@code /name usage}. */
		public String synopsis() {
			return "/" + name + (usage.isEmpty() ? "" : " " + usage);
		}

	}

	/** A rendered template and the placeholders that had no value. */
	public record Rendered(String text, List<String> missing) {
	}

	private record Cached(FileTime mtime, String text) {
	}

}
