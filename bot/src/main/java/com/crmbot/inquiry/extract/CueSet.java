package com.crmbot.inquiry.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.crmbot.text.TextNormalizer;

/** Compiled cue words of one label. */
final class CueSet {

	/** What a wildcard may span: anything but sentence or clause punctuation. */
	static final String GAP = "[^，。！？；、,.!?;:：\\n“”\"]{0,8}?";

	private static final String NEGATIONS = "不没未别无";

	private final String id;

	private final List<Pattern> strong = new ArrayList<>();

	private final List<Pattern> weak = new ArrayList<>();

	CueSet(String id, List<String> cues) {
		this.id = id;
		for (String raw : cues) {
			if (raw == null || raw.isBlank()) {
				continue;
			}
			String cue = TextNormalizer.normalize(raw.trim()).toLowerCase(Locale.ROOT);
			boolean isWeak = cue.startsWith("~");
			if (isWeak) {
				cue = cue.substring(1);
			}
			StringBuilder regex = new StringBuilder();
			for (String part : cue.split("\\*", -1)) {
				if (!regex.isEmpty()) {
					regex.append(GAP);
				}
				regex.append(Pattern.quote(part));
			}
			(isWeak ? weak : strong).add(Pattern.compile(regex.toString()));
		}
	}

	String id() {
		return this.id;
	}

	/**
	 * @param lowerText normalized, lower-cased text
	 */
	boolean matchesStrong(String lowerText, boolean skipThirdParty) {
		return matches(this.strong, lowerText, skipThirdParty);
	}

	boolean matchesWeak(String lowerText, boolean skipThirdParty) {
		return matches(this.weak, lowerText, skipThirdParty);
	}

	private static boolean matches(List<Pattern> patterns, String text, boolean skipThirdParty) {
		for (Pattern p : patterns) {
			Matcher m = p.matcher(text);
			while (m.find()) {
				if (m.start() > 0 && NEGATIONS.indexOf(text.charAt(m.start() - 1)) >= 0) {
					continue;
				}
				if (skipThirdParty && aboutThirdParty(text, m.start())) {
					continue;
				}
				return true;
			}
		}
		return false;
	}

	private static final String[] THIRD_PARTY = { "同行", "隔壁", "别人", "别家", "另一家", "人家", "其他家", "友商" };

	/** Whether the clause holding the cue is about someone else than the customer. */
	static boolean aboutThirdParty(String text, int at) {
		int start = at;
		while (start > 0 && "，。！？；,.!?;\n".indexOf(text.charAt(start - 1)) < 0) {
			start--;
		}
		String clause = text.substring(start, at);
		for (String who : THIRD_PARTY) {
			if (clause.contains(who)) {
				return true;
			}
		}
		return false;
	}

}
