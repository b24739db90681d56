package com.crmbot.conversation;

import java.nio.charset.StandardCharsets;

/** Rejects messages the bot cannot take: empty, oversized, binary. */
final class MessageCheck {

	private MessageCheck() {
	}

	/** The template key of the problem, or null when the text is fine. */
	static String problem(String text, int maxBytes) {
		if (text == null || text.isBlank()) {
			return "empty-message";
		}
		if (text.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
			return "message-too-long";
		}
		int control = 0;
		for (int i = 0; i < text.length(); i++) {
			char ch = text.charAt(i);
			if (ch == 0 || ch == '\uFFFD' || (Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t')) {
				control++;
			}
		}
		return (control > 0) ? "binary-message" : null;
	}

}
