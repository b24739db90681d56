package com.crmbot.text;

// TEMPORARY STUB (replaced by the extractor branch)
public final class Companies {
	private Companies() {}
	public static String key(String name) {
		if (name == null) return null;
		String s = TextNormalizer.normalize(name).replaceAll("\\s+", "").replaceAll("[(（][^)）]*[)）]", "");
		for (String suf : new String[] {"股份有限公司", "有限责任公司", "有限公司"}) if (s.endsWith(suf)) { s = s.substring(0, s.length() - suf.length()); break; }
		return s.toLowerCase();
	}
}
