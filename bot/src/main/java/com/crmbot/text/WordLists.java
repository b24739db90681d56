package com.crmbot.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the word lists under {@code classpath:inquiry/} (extractor and gazetteer alike).
 */
public final class WordLists {

	private WordLists() {
	}

	/**
	 * @return the non-blank lines that are not {@code #} comments, trimmed
	 */
	public static List<String> lines(String name) {
		String path = "inquiry/" + name;
		InputStream in = WordLists.class.getClassLoader().getResourceAsStream(path);
		if (in == null) {
			throw new IllegalStateException("Missing classpath resource " + path);
		}
		List<String> lines = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				String trimmed = line.strip();
				if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
					lines.add(trimmed);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + path, ex);
		}
		return lines;
	}

	/**
	 * @return the whitespace-separated words of the lines
	 */
	public static List<String> words(List<String> lines) {
		List<String> words = new ArrayList<>();
		for (String line : lines) {
			for (String w : line.split("\\s+")) {
				if (!w.isEmpty()) {
					words.add(w.replace('_', ' '));
				}
			}
		}
		return words;
	}

}
