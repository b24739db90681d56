package com.crmbot.inquiry.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.crmbot.text.TextNormalizer;
import com.crmbot.text.Lexicon;

/** Compiled cue words of one label. */
@Lexicon("cue words and negations")
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
				if (negatedInClause(text, m.start(), m.end()) || repsOwnAction(text, m.start())) {
					continue;
				}
				return true;
			}
		}
		return false;
	}

	/**
	 * Words that deny what follows in the same clause: 客户不担心数据安全, 不需要请示领导, 价格不是问题
	 * (checked a few characters back from the cue).
	 */
	private static final String[] DENIALS = { "不担心", "不在乎", "不介意", "不怕", "不需要", "不用", "无需", "并不", "不存在", "没有什么", "没什么",
			"没有", "没在", "不要", "不是" };

	/** How far back (characters, same clause) a denial reaches. */
	private static final int DENIAL_REACH = 6;

	/**
	 * Verbs of the rep's own doing: 发出分期付款方案, 已发同行业案例, 约了上门演示 — what the rep did is not
	 * what the customer objects to or asks for.
	 */
	private static final String[] REP_ACTIONS = { "发出", "发了", "已发", "发送了", "已给", "给他发", "给她发", "给客户发", "提供了", "推荐了",
			"寄了", "约了", "带上", "准备了", "做了上门", "做了演示", "演示完", "演示过" };

	static boolean negatedInClause(String text, int start, int end) {
		int from = clauseStart(text, start);
		// 有没有 asks, it does not deny (你们有没有服务过…)
		String before = text.substring(Math.max(from, start - DENIAL_REACH), start).replace("有没有", "");
		for (String denial : DENIALS) {
			int at = before.lastIndexOf(denial);
			// 没什么问题就是贵: the denial ended with 问题, it does not reach the cue
			if (at >= 0 && !before.substring(at).contains("问题")) {
				return true;
			}
		}
		// 没有预算问题, 价格不是问题: a cue that is itself a denial, followed by 问题
		String after = text.substring(end, Math.min(text.length(), end + 3));
		String cue = text.substring(start, end);
		boolean denialCue = cue.startsWith("没") || cue.startsWith("不") || before.endsWith("没有")
				|| before.endsWith("不是");
		return denialCue && (after.startsWith("问题") || after.startsWith("方面的问题"));
	}

	static boolean repsOwnAction(String text, int at) {
		String clause = text.substring(clauseStart(text, at), at);
		for (String verb : REP_ACTIONS) {
			if (clause.contains(verb)) {
				return true;
			}
		}
		return false;
	}

	private static int clauseStart(String text, int at) {
		int start = at;
		while (start > 0 && "，。！？；,.!?;\n".indexOf(text.charAt(start - 1)) < 0) {
			start--;
		}
		return start;
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
