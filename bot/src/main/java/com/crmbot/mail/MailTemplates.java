package com.crmbot.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.apache.commons.text.StringEscapeUtils;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookup;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * E-mail templates under {@code templates/mail/<name>/}: {@code subject.txt},
 * {@code body.html} and {@code body.txt}, with {@code ${placeholder}}s. A placeholder
 * without a value is reported by name and the mail is not produced: nothing goes out with
 * a raw placeholder or a filler. Values are HTML-escaped in the HTML part.
 */
@Service
public class MailTemplates {

	private final Path dir;

	MailTemplates(@Value("${crmbot.templates.dir:./templates}") String templatesDir) {
		this.dir = Path.of(templatesDir).resolve("mail");
	}

	/** The template names. */
	public List<String> names() {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter((p) -> Files.isRegularFile(p.resolve("subject.txt")))
				.map((p) -> p.getFileName().toString())
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public boolean exists(String name) {
		return name != null && !name.contains("/") && !name.contains("\\") && !name.startsWith(".")
				&& names().contains(name);
	}

	/** Render all three parts; {@link Rendered#missing()} names what had no value. */
	public Rendered render(String name, Map<String, ?> vars) {
		if (!exists(name)) {
			throw new IllegalArgumentException("no mail template " + name);
		}
		Path t = dir.resolve(name);
		Set<String> missing = new LinkedHashSet<>();
		String subject = fill(read(t.resolve("subject.txt")), vars, missing, UnaryOperator.identity()).strip()
			.replaceAll("[\\r\\n]+", " ");
		String html = fill(read(t.resolve("body.html")), vars, missing, StringEscapeUtils::escapeHtml4);
		String text = fill(read(t.resolve("body.txt")), vars, missing, UnaryOperator.identity());
		return new Rendered(name, subject, html, text, List.copyOf(missing));
	}

	/** The placeholders a template uses, in order. */
	public List<String> placeholders(String name) {
		Set<String> used = new LinkedHashSet<>();
		Path t = dir.resolve(name);
		for (String part : List.of("subject.txt", "body.html", "body.txt")) {
			fill(read(t.resolve(part)), Map.of(), used, UnaryOperator.identity());
		}
		return new ArrayList<>(used);
	}

	private record Cached(java.nio.file.attribute.FileTime mtime, String text) {
	}

	private static String fill(String template, Map<String, ?> vars, Set<String> missing,
			UnaryOperator<String> escape) {
		StringLookup lookup = (key) -> {
			Object v = vars.get(key);
			if (v == null || v.toString().isBlank()) {
				missing.add(key);
				return "";
			}
			return escape.apply(v.toString());
		};
		StringSubstitutor sub = new StringSubstitutor(lookup);
		sub.setDisableSubstitutionInValues(true);
		return sub.replace(template);
	}

	private final java.util.Map<Path, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

	/** A template file, re-read when it changes (admins may reword without a restart). */
	private String read(Path file) {
		try {
			java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(file);
			Cached c = cache.get(file);
			if (c != null && c.mtime().equals(mtime)) {
				return c.text();
			}
			String text = Files.readString(file, StandardCharsets.UTF_8);
			cache.put(file, new Cached(mtime, text));
			return text;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read mail template " + file, ex);
		}
	}

	/**
	 * A rendered mail. Only usable when {@code missing} is empty.
	 *
	 * @param template template name
	 * @param subject subject line
	 * @param html HTML part
	 * @param text plain-text part
	 * @param missing placeholders without a value
	 */
	public record Rendered(String template, String subject, String html, String text, List<String> missing) {

		public boolean complete() {
			return missing.isEmpty();
		}

	}

}
