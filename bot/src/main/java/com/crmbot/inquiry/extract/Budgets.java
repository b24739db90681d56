package com.crmbot.inquiry.extract;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.crmbot.text.Lexicon;

/**
 * Amounts of money as people write them (50万, 五十万, 三百万以内, 20w, 1.5亿, ¥300,000, 30万元, 3k,
 * 30-50万) and the customer's budget in a message.
 */
@Lexicon("budget amounts and units")
final class Budgets {

	/** An amount found in a text: [start, end), value in yuan, whether it had a unit. */
	record Amount(int start, int end, BigDecimal value, boolean hasUnit) {
	}

	private static final Pattern ARABIC = Pattern
		.compile("(?i)(?:[¥$]|rmb|cny|人民币)?\\s*" + "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)\\s*(?:来|多|余)?"
				+ "(千万|百万|十万|万亿|万元|万块|亿元|千元|万|亿|千|百|k|w|元|块|圆|rmb|cny)?(?![a-z])");

	private static final Pattern CHINESE = Pattern
		.compile("([零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二两三四五六七八九]+)?(?:[十百千万亿]+)?)(元|块|圆)?");

	/** Financial (大写) numerals and their everyday forms. */
	private static final String FINANCIAL = "壹贰叁肆伍陆柒捌玖拾佰仟萬圆";

	private static final String EVERYDAY = "一二三四五六七八九十百千万元";

	private static final Pattern RANGE = Pattern.compile("\\s*(?:-|~|～|—|–|到|至)\\s*");

	/** Words after which an amount is a budget (预算50万, 总投资约1.5亿). */
	private static final Pattern CUE_BEFORE = Pattern
		.compile("(?i)(预算|总投资|投资|投入|经费|资金|拨款|金额|总价|预计|budget|控制在|打算花|准备花|计划花)");

	/** Words after an amount that make it a budget (四十万的项目, 50万的预算). */
	private static final Pattern CUE_AFTER = Pattern.compile("^(?:左右|以内|上下|以下)?的?(?:预算|项目|单子|盘子|经费)");

	/** 预算没问题，五百万以内: a short remark, a comma, then the amount. */
	private static final Pattern AFTER_COMMA = Pattern.compile("^[^，,]{0,5}[，,]\\s*(?:大概|大约|约|在|是)?\\s*$");

	private static final String SENTENCE_STOP = "。！？；!?;\n";

	/** Characters that end the search for an amount after a cue. */
	private static final String STOP = "，。！？；,!?;\n";

	private Budgets() {
	}

	/**
	 * @return the customer's budget in yuan, or null when the text gives no amount for it
	 */
	static Long findBudget(String text) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		List<Amount> amounts = amounts(text);
		if (amounts.isEmpty()) {
			return null;
		}
		Matcher cue = CUE_BEFORE.matcher(text);
		while (cue.find()) {
			for (int k = 0; k < amounts.size(); k++) {
				Amount a = amounts.get(k);
				if (a.start() < cue.end()) {
					continue;
				}
				String between = text.substring(cue.end(), a.start());
				if (between.length() > 8 || containsAny(between, SENTENCE_STOP)
						|| containsAny(between, STOP) && !AFTER_COMMA.matcher(between).find()) {
					break;
				}
				Long value = upperBound(text, amounts, k);
				if (value != null) {
					return value;
				}
				break;
			}
		}
		for (int k = 0; k < amounts.size(); k++) {
			Amount a = amounts.get(k);
			if (a.hasUnit() && CUE_AFTER.matcher(text.substring(a.end())).find()) {
				return toLong(a.value());
			}
		}
		return null;
	}

	/** The amount at k, or the end of a range starting at k (30-50万 → 50万). */
	private static Long upperBound(String text, List<Amount> amounts, int k) {
		Amount a = amounts.get(k);
		if (k + 1 < amounts.size()) {
			Amount next = amounts.get(k + 1);
			String between = text.substring(a.end(), next.start());
			if (RANGE.matcher(between).matches() && next.hasUnit()) {
				return toLong(next.value());
			}
		}
		if (!a.hasUnit() && a.value().compareTo(BigDecimal.valueOf(100)) < 0) {
			return null;
		}
		return toLong(a.value());
	}

	private static Long toLong(BigDecimal v) {
		return v.setScale(0, RoundingMode.HALF_UP).longValueExact();
	}

	/**
	 * @return the amounts in the text, left to right, without overlaps
	 */
	static List<Amount> amounts(String written) {
		List<Amount> out = new ArrayList<>();
		String text = everydayNumerals(written);
		Matcher m = ARABIC.matcher(text);
		while (m.find()) {
			int start = m.start(1);
			if (m.group().trim().matches("(?i)(?:[¥$]|rmb|cny|人民币).*")) {
				start = m.start() + (m.group().length() - m.group().stripLeading().length());
			}
			if (start > 0 && Character.isLetter(text.charAt(start - 1)) && text.charAt(start - 1) < 128) {
				continue;
			}
			BigDecimal number = new BigDecimal(m.group(1).replace(",", ""));
			String unit = m.group(2);
			boolean currency = m.group().contains("¥") || m.group().contains("$")
					|| m.group().toLowerCase().contains("rmb") || m.group().contains("人民币");
			if (unit == null && !currency && m.end() < text.length()
					&& "年月日号天台个人家%间亩次".indexOf(text.charAt(m.end())) >= 0) {
				continue;
			}
			BigDecimal value = number.multiply(BigDecimal.valueOf(multiplier(unit)));
			int end = m.end(2) >= 0 ? m.end(2) : m.end(1);
			if (end < text.length() && (text.charAt(end) == '元' || text.charAt(end) == '块')) {
				end++;
			}
			out.add(new Amount(start, end, value, unit != null || currency));
		}
		Matcher c = CHINESE.matcher(text);
		while (c.find()) {
			String numeral = c.group(1);
			boolean unitWord = numeral.matches(".*[十百千万亿].*") || c.group(2) != null;
			if (!unitWord || overlaps(out, c.start(), c.end())) {
				continue;
			}
			if (!numeral.matches(".*[一二两三四五六七八九十].*")) {
				continue;
			}
			BigDecimal value = parseChinese(numeral);
			if (value == null) {
				continue;
			}
			boolean money = numeral.matches(".*[万亿千].*") || c.group(2) != null;
			out.add(new Amount(c.start(), c.end(), value, money));
		}
		out.sort((x, y) -> Integer.compare(x.start(), y.start()));
		return out;
	}

	/** 贰拾万 → 二十万 (same length, so positions stay valid). */
	static String everydayNumerals(String s) {
		StringBuilder b = new StringBuilder(s.length());
		for (int i = 0; i < s.length(); i++) {
			int k = FINANCIAL.indexOf(s.charAt(i));
			b.append(k >= 0 ? EVERYDAY.charAt(k) : s.charAt(i));
		}
		return b.toString();
	}

	private static boolean overlaps(List<Amount> amounts, int start, int end) {
		for (Amount a : amounts) {
			if (start < a.end() && a.start() < end) {
				return true;
			}
		}
		return false;
	}

	private static long multiplier(String unit) {
		if (unit == null) {
			return 1;
		}
		return switch (unit.toLowerCase()) {
			case "千万" -> 10_000_000L;
			case "百万" -> 1_000_000L;
			case "十万" -> 100_000L;
			case "万亿" -> 1_000_000_000_000L;
			case "万", "万元", "万块", "w" -> 10_000L;
			case "亿", "亿元" -> 100_000_000L;
			case "千", "千元", "k" -> 1_000L;
			case "百" -> 100L;
			default -> 1L;
		};
	}

	/**
	 * Parses an amount written as a whole (digits and/or Chinese numerals with units),
	 * e.g. "50万", "五十万", "1.5亿", "¥300,000", "3k", "30-50万" (upper bound).
	 * @return the amount in yuan, or null if it is not one
	 */
	static Long parseAmount(String written) {
		if (written == null) {
			return null;
		}
		String s = com.crmbot.text.TextNormalizer.normalize(written).strip();
		List<Amount> amounts = amounts(s);
		if (amounts.isEmpty()) {
			return null;
		}
		for (int k = 0; k < amounts.size(); k++) {
			Long v = upperBound(s, amounts, k);
			if (v != null && (k + 1 >= amounts.size()
					|| !RANGE.matcher(s.substring(amounts.get(k).end(), amounts.get(k + 1).start())).matches())) {
				return v;
			}
		}
		return toLong(amounts.get(amounts.size() - 1).value());
	}

	/** 五十万 → 500000, 三百万 → 3000000, 一千二 → 1200, 两万五 → 25000, 一点五亿 → 150000000. */
	static BigDecimal parseChinese(String s) {
		int point = s.indexOf('点');
		if (point >= 0) {
			int unitStart = point + 1;
			while (unitStart < s.length() && digit(s.charAt(unitStart)) >= 0) {
				unitStart++;
			}
			BigDecimal whole = point == 0 ? BigDecimal.ZERO : parseChinese(s.substring(0, point));
			if (whole == null) {
				return null;
			}
			StringBuilder fraction = new StringBuilder("0.");
			for (int i = point + 1; i < unitStart; i++) {
				fraction.append(digit(s.charAt(i)));
			}
			BigDecimal number = whole.add(new BigDecimal(fraction.toString()));
			long mult = 1;
			for (int i = unitStart; i < s.length(); i++) {
				mult *= unitValue(s.charAt(i));
			}
			return number.multiply(BigDecimal.valueOf(mult));
		}
		long total = 0;
		long section = 0;
		long number = 0;
		long lastUnit = 0;
		boolean pendingDigit = false;
		for (int i = 0; i < s.length(); i++) {
			char ch = s.charAt(i);
			int d = digit(ch);
			if (d >= 0) {
				number = d;
				pendingDigit = true;
				continue;
			}
			long unit = unitValue(ch);
			if (unit == 10 || unit == 100 || unit == 1000) {
				section += (pendingDigit ? number : 1) * unit;
				lastUnit = unit;
			}
			else if (unit == 10_000) {
				total += (section + (pendingDigit ? number : 0)) * unit;
				section = 0;
				lastUnit = unit;
			}
			else if (unit == 100_000_000) {
				total = (total + section + (pendingDigit ? number : 0)) * unit;
				section = 0;
				lastUnit = unit;
			}
			else {
				return null;
			}
			number = 0;
			pendingDigit = false;
		}
		if (pendingDigit) {
			if (lastUnit >= 100 && s.length() >= 2 && digit(s.charAt(s.length() - 2)) < 0) {
				section += number * (lastUnit / 10);
			}
			else {
				section += number;
			}
		}
		return BigDecimal.valueOf(total + section);
	}

	private static int digit(char c) {
		return switch (c) {
			case '零', '〇' -> 0;
			case '一' -> 1;
			case '二', '两' -> 2;
			case '三' -> 3;
			case '四' -> 4;
			case '五' -> 5;
			case '六' -> 6;
			case '七' -> 7;
			case '八' -> 8;
			case '九' -> 9;
			default -> -1;
		};
	}

	private static long unitValue(char c) {
		return switch (c) {
			case '十' -> 10L;
			case '百' -> 100L;
			case '千' -> 1000L;
			case '万' -> 10_000L;
			case '亿' -> 100_000_000L;
			default -> 1L;
		};
	}

	private static boolean containsAny(String s, String chars) {
		for (int i = 0; i < s.length(); i++) {
			if (chars.indexOf(s.charAt(i)) >= 0) {
				return true;
			}
		}
		return false;
	}

}
