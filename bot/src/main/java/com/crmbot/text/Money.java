package com.crmbot.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;

/** Amounts of yuan as people say them: 60万, 12.5万, 1.2亿, 8000元; in English ¥600,000. */
public final class Money {

	private Money() {
	}

	/** In the reader's language ({@code en} or Chinese). */
	public static String format(Long yuan, String locale) {
		if (yuan == null) {
			return null;
		}
		if ("en".equals(locale)) {
			return "¥" + NumberFormat.getIntegerInstance(Locale.US).format(yuan);
		}
		return chinese(yuan);
	}

	/** 600000 → 60万, 125000 → 12.5万, 150000000 → 1.5亿, 8000 → 8000元. */
	public static String chinese(long yuan) {
		long abs = Math.abs(yuan);
		if (abs >= 100_000_000L) {
			return scaled(yuan, 100_000_000L) + "亿";
		}
		if (abs >= 10_000L) {
			return scaled(yuan, 10_000L) + "万";
		}
		return yuan + "元";
	}

	private static String scaled(long yuan, long unit) {
		return BigDecimal.valueOf(yuan)
			.divide(BigDecimal.valueOf(unit), 4, RoundingMode.HALF_UP)
			.stripTrailingZeros()
			.toPlainString();
	}

}
