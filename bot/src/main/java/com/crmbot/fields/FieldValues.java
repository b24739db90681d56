package com.crmbot.fields;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.crmbot.config.CustomerConfig.Field;
import com.crmbot.text.Phones;
import com.crmbot.text.TextNormalizer;

/**
 * Parsing and validation of customer field values by their configured type (text, number,
 * date, enum, phone, email). Used on every write: /set, import.
 */
public final class FieldValues {

	private static final Pattern MONEY = Pattern
		.compile("^[¥￥]?\\s*([0-9][0-9,]*(?:\\.[0-9]+)?)\\s*(亿|万|千|百|w|W|k|K)?\\s*(元|块|rmb|RMB|cny|CNY)?$");

	private static final Pattern INVISIBLE = Pattern.compile("[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F"
			+ "\\u00AD\\u200B-\\u200F\\u2028-\\u202F\\u2060-\\u206F\\uFEFF]");

	private FieldValues() {
	}

	/**
	 * A cell or typed value cleaned up: full-width forms folded (NFKC), invisible
	 * characters removed, whitespace collapsed and trimmed; null when nothing is left.
	 */
	public static String clean(String raw) {
		if (raw == null) {
			return null;
		}
		String s = TextNormalizer.normalize(raw);
		s = INVISIBLE.matcher(s).replaceAll("");
		s = s.replace('\u00A0', ' ').replace('\u3000', ' ').replaceAll("\\s+", " ").strip();
		return s.isEmpty() ? null : s;
	}

	/**
	 * An amount of yuan: 50万, 20w, 3k, ¥300,000, 1.5亿, 300000元. Empty when it is not an
	 * amount.
	 */
	public static Optional<Long> money(String raw) {
		String s = clean(raw);
		if (s == null) {
			return Optional.empty();
		}
		Matcher m = MONEY.matcher(s.replace(" ", ""));
		if (!m.matches()) {
			return Optional.empty();
		}
		BigDecimal v = new BigDecimal(m.group(1).replace(",", ""));
		String unit = m.group(2);
		if (unit != null) {
			v = v.multiply(switch (unit) {
				case "亿" -> BigDecimal.valueOf(100_000_000L);
				case "万", "w", "W" -> BigDecimal.valueOf(10_000L);
				case "千", "k", "K" -> BigDecimal.valueOf(1_000L);
				default -> BigDecimal.valueOf(100L);
			});
		}
		return Optional.of(v.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
	}

	/**
	 * Check and convert a value for a field: the stored value, or an error message (in
	 * Chinese, naming the field and what is allowed).
	 */
	public static Checked check(Field field, String raw) {
		String v = clean(raw);
		String label = (field.label() != null) ? field.label() : field.id();
		if (v == null) {
			return Checked.error(label + " 不能为空");
		}
		switch (field.type()) {
			case "number":
				return money(v).<Checked>map(Checked::ok)
					.orElseGet(() -> Checked.error(label + "「" + v + "」不是数字/金额（例如 500000、50万）"));
			case "enum":
				for (String allowed : field.values()) {
					if (allowed.equalsIgnoreCase(v)) {
						return Checked.ok(allowed);
					}
				}
				return Checked.error(label + "「" + v + "」不在允许值 " + field.values() + " 中");
			case "phone":
				return Phones.normalize(v)
					.<Checked>map(Checked::ok)
					.orElseGet(() -> Checked.error(label + "「" + v + "」不是有效的电话号码"));
			case "email":
				return com.crmbot.text.Emails.normalize(v)
					.<Checked>map(Checked::ok)
					.orElseGet(() -> Checked.error(label + "「" + v + "」不是有效的邮箱地址（例如 wang@example.com）"));
			case "boolean":
				if (v.matches("(?i)是|对|有|yes|y|true|1")) {
					return Checked.ok(Boolean.TRUE);
				}
				if (v.matches("(?i)否|不是|没有|无|no|n|false|0")) {
					return Checked.ok(Boolean.FALSE);
				}
				return Checked.error(label + "「" + v + "」请填 是 或 否");
			case "date":
				try {
					return Checked.ok(LocalDate.parse(v.replace('/', '-').replace('.', '-')).toString());
				}
				catch (DateTimeParseException ex) {
					return Checked.error(label + "「" + v + "」不是日期（例如 2026-03-01）");
				}
			default:
				return Checked.ok(v);
		}
	}

	/** A converted value or the reason it was refused. */
	public record Checked(Object value, String error) {

		static Checked ok(Object value) {
			return new Checked(value, null);
		}

		static Checked error(String error) {
			return new Checked(null, error);
		}

		public boolean ok() {
			return error == null;
		}

	}

}
