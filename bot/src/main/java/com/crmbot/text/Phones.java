package com.crmbot.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

// TEMPORARY STUB (replaced by the extractor branch)
public final class Phones {
	private Phones() {}
	public static Optional<String> normalize(String raw) {
		if (raw == null) return Optional.empty();
		String d = raw.replaceAll("[^0-9]", "");
		if (d.startsWith("86") && d.length() == 13) d = d.substring(2);
		if (d.length() == 11 && d.startsWith("1")) return Optional.of("+86" + d);
		if (d.length() >= 10 && d.startsWith("0")) return Optional.of("+86" + d.substring(1));
		return Optional.empty();
	}
	public static List<String> findAll(String text) {
		List<String> out = new ArrayList<>();
		if (text == null) return out;
		Matcher m = Pattern.compile("(?:\\+?86[- ]?)?(1[3-9]\\d[- ]?\\d{4}[- ]?\\d{4}|0\\d{2,3}-\\d{7,8})").matcher(text);
		while (m.find()) normalize(m.group()).filter(p -> !out.contains(p)).ifPresent(out::add);
		return out;
	}
	public static String mask(String e164) {
		if (e164 == null || e164.length() < 8) return "****";
		return e164.substring(0, 6) + "****" + e164.substring(e164.length() - 4);
	}
}
