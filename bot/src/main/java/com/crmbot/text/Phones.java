package com.crmbot.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Chinese phone numbers (mainland mobiles, landlines with area code, 400/800 service
 * numbers) to E.164. Accepts spaces, dashes, dots, brackets, {@code +86}, {@code 0086},
 * {@code 86-} and full-width digits. Parsing, validation (mobile ranges, area codes,
 * lengths) and display forms come from Google's libphonenumber; this class only finds
 * candidate runs in free text and keeps the bot's rule that a CRM phone is a Chinese one
 * (a number written with another country code is not taken).
 */
public final class Phones {

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	private static final String CHINA = "CN";

	private static final int CHINA_CODE = 86;

	/** A run of digits with the separators people put inside phone numbers. */
	private static final Pattern RUN = Pattern.compile("[(+]*[0-9][0-9()+\\-. ]*[0-9]");

	private Phones() {
	}

	/**
	 * @param raw one phone number as written
	 * @return the number in E.164 ({@code +8613812345678}, {@code +8651268001234}), empty
	 * if it is not a Chinese phone number
	 */
	public static Optional<String> normalize(String raw) {
		if (raw == null) {
			return Optional.empty();
		}
		String s = TextNormalizer.normalize(raw).trim();
		if (s.isEmpty()) {
			return Optional.empty();
		}
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (!(Character.isDigit(c) || c == '+' || c == '-' || c == '(' || c == ')' || c == ' ' || c == '.'
					|| c == '\t')) {
				return Optional.empty();
			}
		}
		return Optional.ofNullable(fromDigits(s));
	}

	/**
	 * @return every phone number in the text, E.164, in order of appearance, without
	 * duplicates
	 */
	public static List<String> findAll(String text) {
		if (text == null || text.isEmpty()) {
			return List.of();
		}
		String s = TextNormalizer.normalize(text);
		Set<String> found = new LinkedHashSet<>();
		Matcher m = RUN.matcher(s);
		while (m.find()) {
			String run = m.group();
			if (m.start() > 0 && isAsciiLetter(s.charAt(m.start() - 1))) {
				continue;
			}
			String whole = fromDigits(run);
			if (whole != null) {
				found.add(whole);
				continue;
			}
			found.addAll(splitRun(run));
		}
		return new ArrayList<>(found);
	}

	/**
	 * A stored E.164 number as people read it: mainland numbers in China's national form
	 * ({@code 138 1234 5678}, {@code 0512 6800 1234}, {@code 400 820 8820}), others in
	 * the international form ({@code +852 2123 4567}).
	 */
	public static String readable(String e164) {
		if (e164 == null || e164.isEmpty()) {
			return "";
		}
		try {
			PhoneNumber n = UTIL.parse(e164, CHINA);
			if (n.getCountryCode() != CHINA_CODE) {
				return UTIL.format(n, PhoneNumberFormat.INTERNATIONAL);
			}
			if (UTIL.isValidNumber(n)) {
				return UTIL.format(n, PhoneNumberFormat.NATIONAL);
			}
			// a landline of an older plan (see isOlderLandline): area code, then the rest
			String local = "0" + n.getNationalNumber();
			int area = (local.startsWith("01") || local.startsWith("02")) ? 3 : 4;
			return (local.length() <= area) ? local : local.substring(0, area) + " " + local.substring(area);
		}
		catch (NumberParseException ex) {
			return e164;
		}
	}

	/**
	 * @return the number with its middle digits hidden, for logs: {@code +86138****5678}
	 */
	public static String mask(String e164) {
		if (e164 == null || e164.isEmpty()) {
			return "";
		}
		String prefix = e164.startsWith("+86") ? "+86" : (e164.startsWith("+") ? "+" : "");
		String national = e164.substring(prefix.length());
		if (national.length() <= 4) {
			return prefix + "*".repeat(national.length());
		}
		int keepStart = Math.min(3, national.length() - 4);
		int hidden = national.length() - keepStart - 4;
		return prefix + national.substring(0, keepStart) + "*".repeat(Math.max(hidden, 0))
				+ national.substring(national.length() - 4);
	}

	/** Tries consecutive space-separated parts of a run that is not one phone number. */
	private static List<String> splitRun(String run) {
		String[] tokens = run.trim().split("\\s+");
		List<String> out = new ArrayList<>();
		int i = 0;
		while (i < tokens.length) {
			int best = -1;
			String bestPhone = null;
			StringBuilder joined = new StringBuilder();
			for (int j = i; j < tokens.length && j < i + 5; j++) {
				joined.append(tokens[j]).append(' ');
				String phone = fromDigits(joined.toString());
				if (phone != null) {
					best = j;
					bestPhone = phone;
				}
			}
			if (bestPhone != null) {
				out.add(bestPhone);
				i = best + 1;
			}
			else {
				i++;
			}
		}
		return out;
	}

	private static boolean isAsciiLetter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	/**
	 * @return E.164 or null
	 */
	static String fromDigits(String written) {
		StringBuilder d = new StringBuilder();
		for (int i = 0; i < written.length(); i++) {
			char c = written.charAt(i);
			if (c >= '0' && c <= '9') {
				d.append(c);
			}
		}
		if (d.length() < 7 || d.length() > 15) {
			return null;
		}
		boolean plus = written.indexOf('+') >= 0;
		PhoneNumber n;
		try {
			n = UTIL.parseAndKeepRawInput((plus ? "+" : "") + d, CHINA);
		}
		catch (NumberParseException ex) {
			return null;
		}
		if (n.getCountryCode() != CHINA_CODE) {
			return null;
		}
		// an area code is certain only after a country code or a trunk 0
		boolean areaCodeWritten = d.charAt(0) == '0'
				|| n.getCountryCodeSource() != PhoneNumber.CountryCodeSource.FROM_DEFAULT_COUNTRY;
		if (UTIL.isValidNumber(n) || (areaCodeWritten && isOlderLandline(n))) {
			return UTIL.format(n, PhoneNumberFormat.E164);
		}
		return null;
	}

	/**
	 * A landline of the right overall length whose local part is one digit longer or
	 * shorter than today's plan for its area code (7-digit numbers from before a city
	 * went to 8 digits, and the reverse). CRM data keeps such numbers for years.
	 */
	private static boolean isOlderLandline(PhoneNumber n) {
		if (UTIL.isPossibleNumberForTypeWithReason(n,
				PhoneNumberType.FIXED_LINE) != PhoneNumberUtil.ValidationResult.IS_POSSIBLE) {
			return false;
		}
		long national = n.getNationalNumber();
		PhoneNumber longer = new PhoneNumber().setCountryCode(CHINA_CODE).setNationalNumber(national * 10 + 2);
		PhoneNumber shorter = new PhoneNumber().setCountryCode(CHINA_CODE).setNationalNumber(national / 10);
		return UTIL.getNumberType(longer) == PhoneNumberType.FIXED_LINE
				|| UTIL.getNumberType(shorter) == PhoneNumberType.FIXED_LINE;
	}

}
