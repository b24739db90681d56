package com.crmbot.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chinese phone numbers (mainland mobiles, landlines with area code, 400/800 service
 * numbers) to E.164. Accepts spaces, dashes, dots, brackets, {@code +86}, {@code 0086},
 * {@code 86-} and full-width digits.
 */
public final class Phones {

	/** A run of digits with the separators people put inside phone numbers. */
	private static final Pattern RUN = Pattern.compile("[(+]*[0-9][0-9()+\\-. ]*[0-9]");

	private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");

	private Phones() {
	}

	/**
	 * @param raw one phone number as written
	 * @return the number in E.164 ({@code +8613812345678}, {@code +8651268001234}), empty
	 * if it is not a Chinese phone number
	 */
	public static Optional<String> normalize(String raw) {
		if (raw == null) {
			return Optional.empty();
		}
		String s = TextNormalizer.normalize(raw).trim();
		if (s.isEmpty()) {
			return Optional.empty();
		}
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (!(Character.isDigit(c) || c == '+' || c == '-' || c == '(' || c == ')' || c == ' ' || c == '.'
					|| c == '\t')) {
				return Optional.empty();
			}
		}
		return Optional.ofNullable(fromDigits(s));
	}

	/**
	 * @return every phone number in the text, E.164, in order of appearance, without
	 * duplicates
	 */
	public static List<String> findAll(String text) {
		if (text == null || text.isEmpty()) {
			return List.of();
		}
		String s = TextNormalizer.normalize(text);
		Set<String> found = new LinkedHashSet<>();
		Matcher m = RUN.matcher(s);
		while (m.find()) {
			String run = m.group();
			if (m.start() > 0 && isAsciiLetter(s.charAt(m.start() - 1))) {
				continue;
			}
			String whole = fromDigits(run);
			if (whole != null) {
				found.add(whole);
				continue;
			}
			found.addAll(splitRun(run));
		}
		return new ArrayList<>(found);
	}

	/**
	 * A stored E.164 number as people read it: mainland mobiles as {@code 138 1234 5678},
	 * landlines as {@code 0512 6800 1234}, others as {@code +852 …}.
	 */
	public static String readable(String e164) {
		if (e164 == null || e164.isEmpty()) {
			return "";
		}
		if (!e164.startsWith("+86")) {
			return e164;
		}
		String n = e164.substring(3);
		if (MOBILE.matcher(n).matches()) {
			return n.substring(0, 3) + " " + n.substring(3, 7) + " " + n.substring(7);
		}
		if (n.startsWith("400") || n.startsWith("800")) {
			return n.length() == 10 ? n.substring(0, 3) + " " + n.substring(3, 6) + " " + n.substring(6) : n;
		}
		String local = "0" + n;
		int area = (local.startsWith("01") || local.startsWith("02")) ? 3 : 4;
		if (local.length() <= area) {
			return local;
		}
		String rest = local.substring(area);
		return local.substring(0, area) + " "
				+ ((rest.length() == 8) ? rest.substring(0, 4) + " " + rest.substring(4) : rest);
	}

	/**
	 * @return the number with its middle digits hidden, for logs: {@code +86138****5678}
	 */
	public static String mask(String e164) {
		if (e164 == null || e164.isEmpty()) {
			return "";
		}
		String prefix = e164.startsWith("+86") ? "+86" : (e164.startsWith("+") ? "+" : "");
		String national = e164.substring(prefix.length());
		if (national.length() <= 4) {
			return prefix + "*".repeat(national.length());
		}
		int keepStart = Math.min(3, national.length() - 4);
		int hidden = national.length() - keepStart - 4;
		return prefix + national.substring(0, keepStart) + "*".repeat(Math.max(hidden, 0))
				+ national.substring(national.length() - 4);
	}

	/** Tries consecutive space-separated parts of a run that is not one phone number. */
	private static List<String> splitRun(String run) {
		String[] tokens = run.trim().split("\\s+");
		List<String> out = new ArrayList<>();
		int i = 0;
		while (i < tokens.length) {
			int best = -1;
			String bestPhone = null;
			StringBuilder joined = new StringBuilder();
			for (int j = i; j < tokens.length && j < i + 5; j++) {
				joined.append(tokens[j]).append(' ');
				String phone = fromDigits(joined.toString());
				if (phone != null) {
					best = j;
					bestPhone = phone;
				}
			}
			if (bestPhone != null) {
				out.add(bestPhone);
				i = best + 1;
			}
			else {
				i++;
			}
		}
		return out;
	}

	private static boolean isAsciiLetter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	/**
	 * @return E.164 or null
	 */
	static String fromDigits(String written) {
		boolean plus = written.indexOf('+') >= 0;
		StringBuilder d = new StringBuilder();
		for (int i = 0; i < written.length(); i++) {
			char c = written.charAt(i);
			if (c >= '0' && c <= '9') {
				d.append(c);
			}
		}
		String digits = d.toString();
		boolean country = false;
		if (digits.startsWith("0086")) {
			digits = digits.substring(4);
			country = true;
		}
		else if (digits.startsWith("86") && (plus || digits.length() >= 12)) {
			String rest = digits.substring(2);
			if (plus || MOBILE.matcher(rest).matches() || validLandline(stripZero(rest))) {
				digits = rest;
				country = true;
			}
		}
		else if (plus) {
			return null;
		}
		if (MOBILE.matcher(digits).matches()) {
			return "+86" + digits;
		}
		if (digits.startsWith("0")) {
			String national = digits.substring(1);
			return validLandline(national) ? "+86" + national : null;
		}
		if (country && validLandline(digits)) {
			return "+86" + digits;
		}
		if (digits.length() == 10 && (digits.startsWith("400") || digits.startsWith("800"))) {
			return "+86" + digits;
		}
		return null;
	}

	private static String stripZero(String s) {
		return s.startsWith("0") ? s.substring(1) : s;
	}

	/** Area code (without its 0) followed by the local number. */
	private static boolean validLandline(String national) {
		if (national.isEmpty() || national.charAt(0) == '0') {
			return false;
		}
		if (national.startsWith("10") || national.charAt(0) == '2') {
			return national.length() == 10;
		}
		if (national.charAt(0) == '1') {
			return false;
		}
		return national.length() == 10 || national.length() == 11;
	}

}
