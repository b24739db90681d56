package com.crmbot.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;

/** Amounts of yuan as people say them: 60万, 12.5万, 1.2亿, 8000元; in English ¥600,000. */
public final class Money {

	private Money() {
	}

	/**
	 * The line of the {@code money} label template that shows this amount: {@code yi}
	 * (hundreds of millions), {@code wan} (ten thousands) or {@code yuan}.
	 */
	public static String unit(long yuan) {
		long abs = Math.abs(yuan);
		return (abs >= 100_000_000L) ? "yi" : (abs >= 10_000L) ? "wan" : "yuan";
	}

	/**
	 * The values the {@code money} template may show: the amount in 亿 ({@code yi}), in 万
	 * ({@code wan}), in yuan ({@code yuan}) and with thousands separators
	 * ({@code grouped}): 600000 → 60 (万), 125000 → 12.5 (万), 600,000.
	 */
	public static java.util.Map<String, Object> vars(long yuan) {
		return java.util.Map.of("yi", scaled(yuan, 100_000_000L), "wan", scaled(yuan, 10_000L), "yuan", yuan, "grouped",
				NumberFormat.getIntegerInstance(Locale.US).format(yuan));
	}

	private static String scaled(long yuan, long unit) {
		return BigDecimal.valueOf(yuan)
			.divide(BigDecimal.valueOf(unit), 4, RoundingMode.HALF_UP)
			.stripTrailingZeros()
			.toPlainString();
	}

}
