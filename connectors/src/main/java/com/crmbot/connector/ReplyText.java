package com.crmbot.connector;

/**
 * Plain-text and markdown renderings of a {@link Reply}, shared by the platforms'
 * renderers. No words of its own: everything shown comes from the reply (the bot's
 * templates); only layout is added (line breaks, bold headings, list markers, and the
 * separator between a field's label and value: a full-width colon after a Chinese label,
 * ": " otherwise).
 */
public final class ReplyText {

	private ReplyText() {
	}

	/** Everything in the reply as plain text, title first. */
	public static String plain(Reply r) {
		if (!r.structured()) {
			return (r.title() != null && !r.title().isBlank() && !r.text().startsWith(r.title()))
					? r.title() + "\n" + r.text() : r.text();
		}
		StringBuilder sb = new StringBuilder();
		if (r.title() != null) {
			sb.append(r.title()).append('\n');
		}
		r.lines().forEach((l) -> sb.append(l).append('\n'));
		r.fields().forEach((f) -> sb.append(field(f)).append('\n'));
		for (Reply.Section s : r.sections()) {
			if (sb.length() > 0) {
				sb.append('\n');
			}
			if (s.heading() != null && !s.heading().isBlank()) {
				sb.append(s.heading()).append('\n');
			}
			s.fields().forEach((f) -> sb.append(field(f)).append('\n'));
			s.items().forEach((i) -> sb.append(i).append('\n'));
		}
		if (r.file() != null) {
			sb.append(r.file().name()).append(": ").append(r.file().url()).append('\n');
		}
		return sb.toString().stripTrailing();
	}

	/**
	 * The body as markdown without the title (platforms put the title in their own
	 * place). {@code lineBreak} is what ends a line: DingTalk needs a blank line, WeCom a
	 * newline.
	 */
	public static String markdownBody(Reply r, String lineBreak) {
		if (!r.structured()) {
			return r.textWithCommandFallback();
		}
		StringBuilder sb = new StringBuilder();
		r.lines().forEach((l) -> sb.append(md(l)).append(lineBreak));
		r.fields().forEach((f) -> sb.append(mdField(f)).append(lineBreak));
		for (Reply.Section s : r.sections()) {
			if (s.heading() != null && !s.heading().isBlank()) {
				sb.append(lineBreak).append("**").append(md(s.heading())).append("**").append(lineBreak);
			}
			s.fields().forEach((f) -> sb.append(mdField(f)).append(lineBreak));
			s.items().forEach((i) -> sb.append("- ").append(md(i)).append(lineBreak));
		}
		if (r.file() != null) {
			sb.append('[')
				.append(md(r.file().name()))
				.append("](")
				.append(r.file().url())
				.append(')')
				.append(lineBreak);
		}
		for (Reply.Button b : r.buttons()) {
			sb.append(md(b.label())).append(": `").append(b.command()).append('`').append(lineBreak);
		}
		return sb.toString().strip();
	}

	/** Title in bold, then the body. */
	public static String markdown(Reply r, String lineBreak) {
		String body = markdownBody(r, lineBreak);
		return (r.title() != null && !r.title().isBlank()) ? "**" + md(r.title()) + "**" + lineBreak + body : body;
	}

	/** "label：value" or "label: value". */
	public static String field(Reply.Field f) {
		return f.label() + separator(f.label()) + f.value();
	}

	static String separator(String label) {
		if (label.isEmpty()) {
			return "";
		}
		char last = label.charAt(label.length() - 1);
		Character.UnicodeScript script = Character.UnicodeScript.of(last);
		return (script == Character.UnicodeScript.HAN || Character.isIdeographic(last)) ? "\uFF1A" : ": ";
	}

	private static String mdField(Reply.Field f) {
		return "**" + md(f.label()) + "**" + separator(f.label()) + md(f.value());
	}

	/**
	 * User text in markdown: WeCom's and DingTalk's markdown show backslash escapes
	 * literally, so only a stray backquote (which would open a code span) is neutralised.
	 */
	static String md(String s) {
		return s.replace('`', '\'');
	}

}
