package com.crmbot.text;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Identity of a company name, so that spellings of the same company compare equal. */
public final class Companies {

	private static final Pattern BRACKETED = Pattern.compile("[(\\[【〔（][^)\\]】〕）]*[)\\]】〕）]");

	/**
	 * Longest first: the first that ends the name is removed, then the loop runs again.
	 */
	private static final List<String> SUFFIXES = List.of("集团股份有限公司", "集团有限责任公司", "集团有限公司", "股份有限公司", "有限责任公司", "有限公司",
			"集团公司", "总公司", "分公司", "公司", "集团", "co.,ltd.", "co.,ltd", "co.ltd.", "co.ltd", "co.,limited",
			"company limited", "companylimited", "limited", "ltd.", "ltd", "inc.", "inc", "corporation", "corp.",
			"corp", "llc", "gmbh", "co.", "company", ",");

	private Companies() {
	}

	/**
	 * @return a normalized key: half-width, no spaces or invisible characters, no
	 * bracketed parts like (中国), no legal suffix, latin lower-cased; empty for a blank
	 * name
	 */
	public static String key(String companyName) {
		if (companyName == null) {
			return "";
		}
		String s = TextNormalizer.normalize(companyName);
		s = s.replace('\u3010', '[').replace('\u3011', ']');
		s = BRACKETED.matcher(s).replaceAll("");
		StringBuilder b = new StringBuilder(s.length());
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
				b.append(c);
			}
		}
		String k = b.toString().toLowerCase(Locale.ROOT);
		boolean changed = true;
		while (changed && !k.isEmpty() && !SUFFIXES.contains(k)) {
			changed = false;
			for (String suffix : SUFFIXES) {
				if (k.endsWith(suffix) && k.length() > suffix.length()) {
					k = k.substring(0, k.length() - suffix.length());
					changed = true;
					break;
				}
			}
		}
		while (!k.isEmpty() && ".,&-".indexOf(k.charAt(k.length() - 1)) >= 0) {
			k = k.substring(0, k.length() - 1);
		}
		return k;
	}

}
