package com.crmbot.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits command arguments on whitespace, keeping "quoted parts" (ASCII or Chinese
 * quotes) together.
 */
public final class Args {

	private Args() {
	}

	public static List<String> split(String args) {
		List<String> out = new ArrayList<>();
		if (args == null) {
			return out;
		}
		StringBuilder cur = new StringBuilder();
		char quote = 0;
		boolean inToken = false;
		for (int i = 0; i < args.length(); i++) {
			char ch = args.charAt(i);
			if (quote != 0) {
				if (ch == quote) {
					quote = 0;
				}
				else {
					cur.append(ch);
				}
			}
			else if (ch == '"' || ch == '“') {
				quote = (ch == '"') ? '"' : '”';
				inToken = true;
			}
			else if (Character.isWhitespace(ch) || ch == '\u3000') {
				if (inToken && cur.length() > 0) {
					out.add(cur.toString());
					cur.setLength(0);
					inToken = false;
				}
			}
			else {
				cur.append(ch);
				inToken = true;
			}
		}
		if (inToken && cur.length() > 0) {
			out.add(cur.toString());
		}
		return out;
	}

	/** Everything after the first {@code n} tokens of {@code args}, as typed. */
	public static String rest(String args, int n) {
		String s = args.strip();
		for (int i = 0; i < n && !s.isEmpty(); i++) {
			int j = 0;
			if (s.charAt(0) == '"' || s.charAt(0) == '“') {
				char close = (s.charAt(0) == '"') ? '"' : '”';
				j = s.indexOf(close, 1);
				j = (j < 0) ? s.length() : j + 1;
			}
			else {
				while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && s.charAt(j) != '\u3000') {
					j++;
				}
			}
			s = s.substring(j).strip();
		}
		return s;
	}

}
