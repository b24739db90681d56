package com.crmbot.connector;

import java.util.List;
import java.util.Objects;

/**
 * What the bot says back. Connectors render it the best way their platform allows: a
 * template card or action card when there are buttons, markdown when asked for, else
 * plain text (buttons then degrade to the command each one stands for).
 *
 * @param text the body, plain text or markdown depending on {@code format}
 * @param format how {@code text} is written
 * @param title optional title for cards/markdown (may be null)
 * @param buttons optional buttons; each carries the slash command it stands for
 * @param imageRef optional local path of an image to upload and send (charts)
 */
public record Reply(String text, Format format, String title, List<Button> buttons, String imageRef) {

	public Reply {
		Objects.requireNonNull(text, "text");
		format = (format != null) ? format : Format.TEXT;
		buttons = (buttons != null) ? List.copyOf(buttons) : List.of();
	}

	public static Reply text(String text) {
		return new Reply(text, Format.TEXT, null, List.of(), null);
	}

	public static Reply markdown(String title, String text) {
		return new Reply(text, Format.MARKDOWN, title, List.of(), null);
	}

	public Reply withButtons(List<Button> buttons) {
		return new Reply(text, format, title, buttons, imageRef);
	}

	/**
	 * The text with each button's fallback command appended, for platforms without
	 * buttons.
	 */
	public String textWithCommandFallback() {
		if (buttons.isEmpty()) {
			return text;
		}
		StringBuilder sb = new StringBuilder(text);
		for (Button b : buttons) {
			sb.append('\n').append(b.label()).append(": ").append(b.command());
		}
		return sb.toString();
	}

	public enum Format {

		TEXT, MARKDOWN

	}

	/**
	 * A button.
	 *
	 * @param key a stable key the platform sends back when clicked (e.g.
	 * {@code task:done:42})
	 * @param label what the user sees
	 * @param command the equivalent slash command, used when clicked and as the fallback
	 */
	public record Button(String key, String label, String command) {
	}

}
