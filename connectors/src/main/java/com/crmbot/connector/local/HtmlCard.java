package com.crmbot.connector.local;

import java.util.List;

import com.crmbot.connector.Reply;

/**
 * The web chat's rendering of a structured {@link Reply}: an HTML card (title, lead
 * lines, a definition list of fields, sections with list items, a file link). Every piece
 * of text is HTML-escaped; the markup is fixed here, so a customer named {@code <script>}
 * shows as text. Buttons are drawn by the page (they post commands).
 */
public final class HtmlCard {

	private HtmlCard() {
	}

	/** The card's HTML, or null when the reply has no structure (the page shows text). */
	public static String render(Reply r) {
		if (!r.structured()) {
			return null;
		}
		StringBuilder sb = new StringBuilder("<div class=\"card\">");
		if (r.title() != null) {
			sb.append("<div class=\"card-title\">").append(esc(r.title())).append("</div>");
		}
		for (String line : r.lines()) {
			sb.append("<p>").append(esc(line)).append("</p>");
		}
		fields(sb, r.fields());
		for (Reply.Section s : r.sections()) {
			sb.append("<section>");
			if (s.heading() != null && !s.heading().isBlank()) {
				sb.append("<h4>").append(esc(s.heading())).append("</h4>");
			}
			fields(sb, s.fields());
			if (!s.items().isEmpty()) {
				sb.append("<ul>");
				s.items().forEach((i) -> sb.append("<li>").append(esc(i)).append("</li>"));
				sb.append("</ul>");
			}
			sb.append("</section>");
		}
		if (r.file() != null && safeUrl(r.file().url())) {
			sb.append("<a class=\"file\" download href=\"")
				.append(esc(r.file().url()))
				.append("\">")
				.append(esc(r.file().name()))
				.append("</a>");
		}
		return sb.append("</div>").toString();
	}

	private static void fields(StringBuilder sb, List<Reply.Field> fields) {
		if (fields.isEmpty()) {
			return;
		}
		sb.append("<dl>");
		for (Reply.Field f : fields) {
			sb.append("<dt>").append(esc(f.label())).append("</dt><dd>").append(esc(f.value())).append("</dd>");
		}
		sb.append("</dl>");
	}

	/** Only links into the bot or to http(s): never {@code javascript:}. */
	static boolean safeUrl(String url) {
		String u = url.strip().toLowerCase(java.util.Locale.ROOT);
		return u.startsWith("http://") || u.startsWith("https://") || u.startsWith("api/")
				|| (u.startsWith("/") && !u.startsWith("//"));
	}

	/** HTML-escapes text for element content and double-quoted attributes. */
	static String esc(String s) {
		StringBuilder sb = new StringBuilder(s.length() + 16);
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '<' -> sb.append("&lt;");
				case '>' -> sb.append("&gt;");
				case '&' -> sb.append("&amp;");
				case '"' -> sb.append("&quot;");
				case '\'' -> sb.append("&#39;");
				default -> sb.append(c);
			}
		}
		return sb.toString();
	}

}
