package com.crmbot.text;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Identity of a company name, so that spellings of the same company compare equal. */
@Lexicon("company name suffixes")
public final class Companies {

	private static final Pattern BRACKETED = Pattern.compile("[(\\[【〔（]([^)\\]】〕）]*)[)\\]】〕）]");

	/**
	 * Bracketed parts that say nothing about which firm it is: the country, "group",
	 * "headquarters", a partnership's legal form. Any other bracketed part (a city or
	 * region: (苏州), (华东)) distinguishes branches and stays in the key.
	 */
	private static final Pattern GENERIC = Pattern.compile("(?i)中国|中国区|中国大陆|大陆|china|prc|p\\.r\\.c\\.?|cn|"
			+ "集团|集团公司|总部|总公司|控股|控股集团|有限公司|有限责任公司|股份有限公司|普通合伙|有限合伙|特殊普通合伙|筹|筹备|筹建|"
			+ "group|holdings?|hq|headquarters|international|intl\\.?|limited|ltd\\.?|inc\\.?|co\\.?,?\\s*ltd\\.?");

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
	 * @return a normalized key: half-width, no spaces or invisible characters, no generic
	 * bracketed parts like (中国) or (China) (a bracketed city or region is kept, without
	 * its brackets: X(苏州)有限公司 and X(杭州)有限公司 are two firms), no legal suffix, latin
	 * lower-cased; empty for a blank name
	 */
	public static String key(String companyName) {
		if (companyName == null) {
			return "";
		}
		String s = TextNormalizer.normalize(companyName);
		s = s.replace('\u3010', '[').replace('\u3011', ']');
		s = BRACKETED.matcher(s).replaceAll((m) -> {
			String inside = m.group(1).strip();
			return (inside.isEmpty() || GENERIC.matcher(inside).matches()) ? ""
					: java.util.regex.Matcher.quoteReplacement(inside);
		});
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
