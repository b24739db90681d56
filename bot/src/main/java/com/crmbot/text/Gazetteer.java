package com.crmbot.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Place names (provinces, prefecture-level cities, major districts and county-level
 * cities) and the province-level division each belongs to, from
 * {@code classpath:inquiry/regions.txt}.
 */
@Lexicon("place names")
public final class Gazetteer {

	/** A place named in a text: [start, end) and its province. */
	public record Place(int start, int end, String name, String province) {
	}

	private static final String ADMIN_SUFFIXES = "省市区县";

	private final Map<String, String> provinceOf = new HashMap<>();

	private final int longest;

	public Gazetteer() {
		int max = 0;
		for (String line : WordLists.lines("regions.txt")) {
			int colon = line.indexOf(':');
			if (colon < 0) {
				continue;
			}
			String province = line.substring(0, colon).strip();
			for (String name : WordLists.words(List.of(line.substring(colon + 1)))) {
				if (name.length() < 2) {
					continue;
				}
				this.provinceOf.putIfAbsent(name.toLowerCase(Locale.ROOT), province);
				max = Math.max(max, name.length());
			}
		}
		this.longest = max;
	}

	/**
	 * @return the province-level division of a name ("苏州", "苏州市"), or null
	 */
	public String provinceOf(String name) {
		if (name == null) {
			return null;
		}
		String key = name.strip().toLowerCase(Locale.ROOT);
		String p = this.provinceOf.get(key);
		if (p == null && key.length() > 2 && ADMIN_SUFFIXES.indexOf(key.charAt(key.length() - 1)) >= 0) {
			p = this.provinceOf.get(key.substring(0, key.length() - 1));
		}
		return p;
	}

	/**
	 * @return the places named in the text, left to right, longest match at each point
	 */
	public List<Place> places(String text) {
		List<Place> out = new ArrayList<>();
		if (text == null) {
			return out;
		}
		String lower = text.toLowerCase(Locale.ROOT);
		int i = 0;
		while (i < lower.length()) {
			Place found = null;
			for (int len = Math.min(this.longest, lower.length() - i); len >= 2; len--) {
				String candidate = lower.substring(i, i + len);
				String province = this.provinceOf.get(candidate);
				if (province != null && !insideLatinWord(lower, i, i + len)) {
					int end = i + len;
					if (end < text.length() && ADMIN_SUFFIXES.indexOf(text.charAt(end)) >= 0 && !candidate.endsWith("省")
							&& !candidate.endsWith("市") && !candidate.endsWith("区")) {
						end++;
					}
					found = new Place(i, end, text.substring(i, end), province);
					break;
				}
			}
			if (found != null) {
				out.add(found);
				i = found.end();
			}
			else {
				i++;
			}
		}
		return out;
	}

	/**
	 * @return the province of the first place named in the text, or null
	 */
	public String firstRegion(String text) {
		List<Place> places = places(text);
		return places.isEmpty() ? null : places.get(0).province();
	}

	private static boolean insideLatinWord(String s, int start, int end) {
		char first = s.charAt(start);
		if (!(first >= 'a' && first <= 'z')) {
			return false;
		}
		boolean before = start > 0 && Character.isLetter(s.charAt(start - 1)) && s.charAt(start - 1) < 128;
		boolean after = end < s.length() && Character.isLetter(s.charAt(end)) && s.charAt(end) < 128;
		return before || after;
	}

}
