package com.crmbot.export;

/**
 * CSV cells that spreadsheets will not execute: a cell starting with {@code = + - @} (or
 * a tab / carriage return) gets a leading apostrophe, so Excel and friends show it as
 * text instead of evaluating a formula (CSV injection).
 */
public final class SafeCsv {

	private SafeCsv() {
	}

	public static String cell(Object value) {
		if (value == null) {
			return "";
		}
		String s = value.toString();
		if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
			return "'" + s;
		}
		return s;
	}

}
