package com.crmbot.fields;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.crmbot.config.CustomerConfig.Field;
import com.crmbot.text.Lexicon;
import com.crmbot.text.Phones;
import com.crmbot.text.TextNormalizer;

/**
 * Parsing and validation of customer field values by their configured type (text, number,
 * date, enum, phone, email). Used on every write: /set, import.
 */
public final class FieldValues {

	@Lexicon("amounts and their units")
	private static final Pattern MONEY = Pattern
		.compile("^[¥￥]?\\s*([0-9][0-9,]*(?:\\.[0-9]+)?)\\s*(亿|万|千|百|w|W|k|K)?\\s*(元|块|rmb|RMB|cny|CNY)?$");

	private static final Pattern INVISIBLE = Pattern.compile("[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F"
			+ "\\u00AD\\u200B-\\u200F\\u2028-\\u202F\\u2060-\\u206F\\uFEFF]");

	@Lexicon("yes")
	private static final String YES = "(?i)是|对|有|yes|y|true|1";

	@Lexicon("no")
	private static final String NO = "(?i)否|不是|没有|无|no|n|false|0";

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
	@Lexicon("amount units")
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
	 * Check and convert a value for a field: the stored value, or why not (a reply
	 * template {@code field-bad-*} and its variables: the field, the value, what is
	 * allowed), for the caller to say in the user's language.
	 */
	public static Checked check(Field field, String raw) {
		String v = clean(raw);
		String label = (field.label() != null) ? field.label() : field.id();
		if (v == null) {
			return Checked.error("field-bad-empty", Map.of("field", label));
		}
		switch (field.type()) {
			case "number":
				return money(v).<Checked>map(Checked::ok)
					.orElseGet(() -> Checked.error("field-bad-number", Map.of("field", label, "value", v)));
			case "enum":
				for (String allowed : field.values()) {
					if (allowed.equalsIgnoreCase(v)) {
						return Checked.ok(allowed);
					}
				}
				return Checked.error("field-bad-enum",
						Map.of("field", label, "value", v, "allowed", String.join(" / ", field.values())));
			case "phone":
				return Phones.normalize(v)
					.<Checked>map(Checked::ok)
					.orElseGet(() -> Checked.error("field-bad-phone", Map.of("field", label, "value", v)));
			case "email":
				return com.crmbot.text.Emails.normalize(v)
					.<Checked>map(Checked::ok)
					.orElseGet(() -> Checked.error("field-bad-email", Map.of("field", label, "value", v)));
			case "boolean":
				if (v.matches(YES)) {
					return Checked.ok(Boolean.TRUE);
				}
				if (v.matches(NO)) {
					return Checked.ok(Boolean.FALSE);
				}
				return Checked.error("field-bad-boolean", Map.of("field", label, "value", v));
			case "date":
				try {
					return Checked.ok(LocalDate.parse(v.replace('/', '-').replace('.', '-')).toString());
				}
				catch (DateTimeParseException ex) {
					return Checked.error("field-bad-date", Map.of("field", label, "value", v));
				}
			default:
				return Checked.ok(v);
		}
	}

	/** A converted value or the reason it was refused. */
	/**
	 * A checked value, or why not.
	 *
	 * @param value the value to store
	 * @param error the reply template saying why not (null when ok)
	 * @param vars its variables
	 */
	public record Checked(Object value, String error, Map<String, ?> vars) {

		static Checked ok(Object value) {
			return new Checked(value, null, Map.of());
		}

		static Checked error(String key, Map<String, ?> vars) {
			return new Checked(null, key, vars);
		}

		public boolean ok() {
			return error == null;
		}

	}

}
