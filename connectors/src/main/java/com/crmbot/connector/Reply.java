package com.crmbot.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.data.annotation.PersistenceCreator;

/**
 * What the bot says back, as data: a title, lead lines, key/value fields, sections (a
 * heading with list items and/or fields), buttons, an optional image or file. Each
 * platform renders it the best way it can ({@link ReplyText} for text and markdown, the
 * WeCom template card, the DingTalk action card, the web chat's HTML card). The words are
 * already in the user's language: the bot fills them from its templates.
 * <p>
 * {@link #text()} is always a complete plain-text rendering (for a structured reply,
 * title included), so a platform (or a test) that knows nothing of the structure still
 * shows everything. Replies built with {@link #text(String)} /
 * {@link #markdown(String, String)} have only that text.
 *
 * @param text the body, plain text or markdown depending on {@code format}; for a
 * structured reply its plain-text rendering
 * @param format how {@code text} is written
 * @param title optional title for cards/markdown (may be null)
 * @param buttons optional buttons; each carries the slash command it stands for
 * @param imageRef optional local path of an image to upload and send (charts)
 * @param lines the lead lines of a structured reply (empty for a text reply)
 * @param fields key/value fields of a structured reply
 * @param sections sections of a structured reply
 * @param file an optional file to offer (a download link), may be null
 */
public record Reply(String text, Format format, String title, List<Button> buttons, String imageRef, List<String> lines,
		List<Field> fields, List<Section> sections, Attachment file) {

	@PersistenceCreator
	public Reply {
		Objects.requireNonNull(text, "text");
		format = (format != null) ? format : Format.TEXT;
		buttons = (buttons != null) ? List.copyOf(buttons) : List.of();
		lines = (lines != null) ? List.copyOf(lines) : List.of();
		fields = (fields != null) ? List.copyOf(fields) : List.of();
		sections = (sections != null) ? List.copyOf(sections) : List.of();
	}

	/** A text or markdown reply (no structure). */
	public Reply(String text, Format format, String title, List<Button> buttons, String imageRef) {
		this(text, format, title, buttons, imageRef, List.of(), List.of(), List.of(), null);
	}

	public static Reply text(String text) {
		return new Reply(text, Format.TEXT, null, List.of(), null);
	}

	public static Reply markdown(String title, String text) {
		return new Reply(text, Format.MARKDOWN, title, List.of(), null);
	}

	/** Start a structured reply (a card) with an optional title. */
	public static Builder card(String title) {
		return new Builder(title);
	}

	/**
	 * Whether this reply has structure beyond its text (fields, sections, lines, file).
	 */
	public boolean structured() {
		return !lines.isEmpty() || !fields.isEmpty() || !sections.isEmpty() || file != null;
	}

	public Reply withButtons(List<Button> buttons) {
		return new Reply(text, format, title, buttons, imageRef, lines, fields, sections, file);
	}

	/** The same reply without its image (for platforms that send the image apart). */
	public Reply withoutImage() {
		return new Reply(text, format, title, buttons, null, lines, fields, sections, file);
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

	/**
	 * A key/value field (客户：杭州云帆物流).
	 *
	 * @param label the field's name, in the user's language
	 * @param value its value as shown
	 */
	public record Field(String label, String value) {

		public Field {
			Objects.requireNonNull(label, "label");
			value = (value != null) ? value : "";
		}

	}

	/**
	 * A section: an optional heading, then fields, then list items.
	 *
	 * @param heading may be null
	 * @param items list entries, one line each
	 * @param fields key/value fields
	 */
	public record Section(String heading, List<String> items, List<Field> fields) {

		public Section {
			items = (items != null) ? List.copyOf(items) : List.of();
			fields = (fields != null) ? List.copyOf(fields) : List.of();
		}

	}

	/**
	 * A file offered with the reply.
	 *
	 * @param name the file name shown
	 * @param url where the user fetches it (relative to the bot's base URL, or absolute)
	 */
	public record Attachment(String name, String url) {
	}

	/** Builds a structured reply; {@link #build()} fills the plain-text rendering. */
	public static final class Builder {

		private final String title;

		private final List<String> lines = new ArrayList<>();

		private final List<Field> fields = new ArrayList<>();

		private final List<Section> sections = new ArrayList<>();

		private final List<Button> buttons = new ArrayList<>();

		private String imageRef;

		private Attachment file;

		private Builder(String title) {
			this.title = (title != null && !title.isBlank()) ? title : null;
		}

		/** A lead line (skipped when blank). */
		public Builder line(String line) {
			if (line != null && !line.isBlank()) {
				lines.add(line);
			}
			return this;
		}

		/** A field (skipped when the value is null). */
		public Builder field(String label, Object value) {
			if (value != null) {
				fields.add(new Field(label, value.toString()));
			}
			return this;
		}

		public Builder section(Section section) {
			if (!section.items().isEmpty() || !section.fields().isEmpty()) {
				sections.add(section);
			}
			return this;
		}

		/** A section of list items (skipped when empty). */
		public Builder list(String heading, List<String> items) {
			return section(new Section(heading, items, List.of()));
		}

		public Builder button(Button button) {
			buttons.add(button);
			return this;
		}

		public Builder buttons(List<Button> more) {
			buttons.addAll(more);
			return this;
		}

		public Builder image(String ref) {
			this.imageRef = ref;
			return this;
		}

		public Builder file(String name, String url) {
			this.file = new Attachment(name, url);
			return this;
		}

		public Reply build() {
			Reply shape = new Reply("", Format.TEXT, title, buttons, imageRef, lines, fields, sections, file);
			return new Reply(ReplyText.plain(shape), Format.TEXT, title, buttons, imageRef, lines, fields, sections,
					file);
		}

	}

}
