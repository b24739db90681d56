package com.crmbot.text;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as people write them in lists: {@code 2026-03-05}, {@code 2026/3/5},
 * {@code 2026.3.5}, {@code 2026年3月5日}, {@code 20260305}, with or without a time after
 * them, and Excel serial numbers ({@code 46086} is 2026-03-05).
 */
@Lexicon("date formats")
public final class Dates {

	private static final Pattern YMD = Pattern.compile(
			"^(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*[日号]?(?:[\\sT]+\\d{1,2}[:：]\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?$");

	private static final Pattern COMPACT = Pattern.compile("^(\\d{4})(\\d{2})(\\d{2})$");

	private static final Pattern SERIAL = Pattern.compile("^\\d{5}(?:\\.\\d+)?$");

	/** Excel's day zero (serial 1 is 1900-01-01; 60 is the non-existent 1900-02-29). */
	private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

	private Dates() {
	}

	/** The date a text means, or empty. */
	public static Optional<LocalDate> parse(String raw) {
		String s = TextNormalizer.normalize((raw != null) ? raw : "").strip();
		Matcher m = YMD.matcher(s);
		if (!m.matches()) {
			m = COMPACT.matcher(s);
		}
		if (m.matches()) {
			try {
				return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
						Integer.parseInt(m.group(3))));
			}
			catch (DateTimeException ex) {
				return Optional.empty();
			}
		}
		if (SERIAL.matcher(s).matches()) {
			// five digits: 1927-05-18 (10000) to 2173-10-14 (99999), where lists' dates
			// are
			long days = (long) Math.floor(Double.parseDouble(s));
			return Optional.of(EXCEL_EPOCH.plusDays(days));
		}
		return Optional.empty();
	}

}
