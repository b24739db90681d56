package com.crmbot.text;

/**
 * Normalizes text as typed in chat before anything parses it: full-width ASCII (digits,
 * latin letters, punctuation) becomes half-width, the ideographic space a plain space,
 * and zero-width characters, the BOM and control characters (except tab and newline) are
 * dropped. CJK characters are left alone.
 */
public final class TextNormalizer {

	private TextNormalizer() {
	}

	public static String normalize(String s) {
		if (s == null) {
			return null;
		}
		StringBuilder out = new StringBuilder(s.length());
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c >= '\uFF01' && c <= '\uFF5E') {
				out.append((char) (c - 0xFEE0));
			}
			else if (c == '\u3000' || c == '\u00A0' || c == '\u2002' || c == '\u2003' || c == '\u2009'
					|| c == '\u202F') {
				out.append(' ');
			}
			else if (c == '\uFFE5') {
				out.append('\u00A5');
			}
			else if (isInvisible(c)) {
				// dropped
			}
			else if (c == '\r') {
				if (i + 1 >= s.length() || s.charAt(i + 1) != '\n') {
					out.append('\n');
				}
			}
			else if (Character.isISOControl(c) && c != '\n' && c != '\t') {
				// dropped
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	static boolean isInvisible(char c) {
		return c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u200E' || c == '\u200F' || c == '\u2060'
				|| c == '\uFEFF' || c == '\u00AD' || c == '\u180E' || (c >= '\u202A' && c <= '\u202E')
				|| (c >= '\u2066' && c <= '\u2069');
	}

}
