package com.crmbot.config;

/**
 * One thing wrong in an admin file, precise enough to fix it.
 *
 * @param file file name under config/
 * @param line 1-based line (0 when unknown)
 * @param field path of the field, e.g. {@code users[2].role}
 * @param message what is wrong
 */
public record ConfigError(String file, int line, String field, String message) {

	@Override
	public String toString() {
		return file + ((line > 0) ? ":" + line : "") + ": " + ((field != null && !field.isEmpty()) ? field + ": " : "")
				+ message;
	}

}
