package com.crmbot.approval;

import java.math.BigDecimal;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.crmbot.text.Lexicon;

/**
 * Amounts as people write them: 250000, 250,000, 25万, 25.5万, 1.2亿, 300k, 1.5m, ¥80000元.
 */
@Lexicon("amounts as people write them")
public final class Amounts {

	private static final Pattern AMOUNT = Pattern
		.compile("[¥￥]?\\s*(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)\\s*(万|w|亿|k|千|m|百万)?\\s*(元|块|rmb|cny)?");

	private Amounts() {
	}

	/** Whole yuan, or empty when unreadable, not positive or absurd (over 10^12). */
	public static OptionalLong parse(String text) {
		Matcher m = AMOUNT.matcher(text.strip().toLowerCase(java.util.Locale.ROOT));
		if (!m.matches()) {
			return OptionalLong.empty();
		}
		BigDecimal n = new BigDecimal(m.group(1).replace(",", ""));
		String unit = (m.group(2) != null) ? m.group(2) : "";
		BigDecimal factor = switch (unit) {
			case "万", "w" -> BigDecimal.valueOf(10_000);
			case "亿" -> BigDecimal.valueOf(100_000_000);
			case "k", "千" -> BigDecimal.valueOf(1_000);
			case "m", "百万" -> BigDecimal.valueOf(1_000_000);
			default -> BigDecimal.ONE;
		};
		BigDecimal v = n.multiply(factor);
		if (v.signum() <= 0 || v.compareTo(BigDecimal.valueOf(1_000_000_000_000L)) > 0) {
			return OptionalLong.empty();
		}
		return OptionalLong.of(v.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
	}

}
