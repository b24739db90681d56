package com.crmbot.text;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail addresses: validation and the normal form stored on customers (trimmed, domain
 * lower-cased; full-width characters folded).
 */
public final class Emails {

	private static final String LOCAL = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*";

	private static final String DOMAIN = "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}";

	private static final Pattern EXACT = Pattern.compile("^(" + LOCAL + ")@(" + DOMAIN + ")$");

	private static final Pattern IN_TEXT = Pattern
		.compile("(?<![A-Za-z0-9._%+-])(" + LOCAL + ")@(" + DOMAIN + ")(?![A-Za-z0-9-])");

	private Emails() {
	}

	/** The normal form of an address, or empty when it is not a valid address. */
	public static Optional<String> normalize(String raw) {
		if (raw == null) {
			return Optional.empty();
		}
		String s = TextNormalizer.normalize(raw).strip();
		if (s.regionMatches(true, 0, "mailto:", 0, 7)) {
			s = s.substring(7);
		}
		if (s.length() > 254) {
			return Optional.empty();
		}
		Matcher m = EXACT.matcher(s);
		if (!m.matches() || m.group(1).length() > 64) {
			return Optional.empty();
		}
		return Optional.of(m.group(1) + "@" + m.group(2).toLowerCase(Locale.ROOT));
	}

	/** The first address in a free text, normalized, or empty. */
	public static Optional<String> find(String text) {
		if (text == null) {
			return Optional.empty();
		}
		Matcher m = IN_TEXT.matcher(TextNormalizer.normalize(text));
		while (m.find()) {
			Optional<String> e = normalize(m.group());
			if (e.isPresent()) {
				return e;
			}
		}
		return Optional.empty();
	}

	/** The key opt-outs are stored under: the whole address lower-cased. */
	public static String key(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

}
