package com.crmbot.export;

/**
 * CSV cells that spreadsheets will not execute: a cell starting with {@code = + - @} (or
 * a tab / carriage return) gets a leading apostrophe, so Excel and friends show it as
 * text instead of evaluating a formula (CSV injection). E.164 phones ({@code +86…}) are
 * left alone: a plus followed by digits only is no formula.
 */
public final class SafeCsv {

	/**
	 * E.164 phones ({@code +8613812345678}, several separated by spaces): a plus and
	 * digits only, which no spreadsheet runs as anything but a number; kept as they are.
	 */
	private static final java.util.regex.Pattern PHONES = java.util.regex.Pattern
		.compile("\\+[1-9][0-9]{6,14}( \\+[1-9][0-9]{6,14})*");

	private SafeCsv() {
	}

	public static String cell(Object value) {
		if (value == null) {
			return "";
		}
		String s = value.toString();
		if (PHONES.matcher(s).matches()) {
			return s;
		}
		if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
			return "'" + s;
		}
		return s;
	}

}
