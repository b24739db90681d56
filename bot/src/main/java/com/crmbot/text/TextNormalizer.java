package com.crmbot.text;

import java.text.Normalizer;

// TEMPORARY STUB (replaced by the extractor branch)
public final class TextNormalizer {
	private TextNormalizer() {}
	public static String normalize(String s) {
		if (s == null) return null;
		return Normalizer.normalize(s, Normalizer.Form.NFKC).replaceAll("[\\u200B-\\u200D\\uFEFF]", "");
	}
}
