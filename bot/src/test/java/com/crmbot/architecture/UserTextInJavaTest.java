package com.crmbot.architecture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * User-visible words live in {@code templates/replies/<locale>/}, not in Java: every
 * string literal in the bot's and the connectors' main sources that contains Chinese
 * characters fails this test, except
 * <ul>
 * <li>inside a declaration marked {@link com.crmbot.text.Lexicon @Lexicon} (words the bot
 * recognises in what people type: cue words, time words, header synonyms, aliases);</li>
 * <li>in a log statement ({@code log.info(...)}: read by operators, not users).</li>
 * </ul>
 * What is not converted yet is listed, file by file with its count, in
 * {@code src/test/resources/user-text-debt.txt}: a file may not gain literals nor a new
 * file appear, and a file that lost some must have its line lowered (the list only
 * shrinks). The scan reads Java source (comments and unicode escapes understood), so it
 * needs nothing but the repository.
 */
class UserTextInJavaTest {

	private static final List<Path> ROOTS = List.of(Path.of("src/main/java"), Path.of("../connectors/src/main/java"));

	private static final Path DEBT = Path.of("src/test/resources/user-text-debt.txt");

	private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern LOG_CALL = Pattern
		.compile("\\b(?:log|LOG|logger|LOGGER)\\s*\\.\\s*(?:trace|debug|info|warn|error)\\s*\\(");

	private static final Pattern LEXICON = Pattern.compile("@(?:com\\.crmbot\\.text\\.)?Lexicon\\b");

	@Test
	void noChineseUserTextInMainSourcesBeyondTheRecordedDebt() throws IOException {
		Map<String, List<Literal>> found = new TreeMap<>();
		for (Path root : ROOTS) {
			try (Stream<Path> files = Files.walk(root)) {
				for (Path f : files.filter((p) -> p.toString().endsWith(".java")).sorted().toList()) {
					List<Literal> hits = userText(Files.readString(f, StandardCharsets.UTF_8));
					if (!hits.isEmpty()) {
						found.put(REPO.relativize(f.toAbsolutePath().normalize()).toString().replace('\\', '/'), hits);
					}
				}
			}
		}
		Map<String, Integer> debt = debt();
		List<String> problems = new ArrayList<>();
		found.forEach((file, hits) -> {
			int allowed = debt.getOrDefault(file, 0);
			if (hits.size() > allowed) {
				problems.add(file + ": " + hits.size() + " Chinese literal(s), " + allowed
						+ " recorded; move the words to templates/replies (or mark parsing data @Lexicon): "
						+ hits.subList(0, Math.min(5, hits.size())));
			}
		});
		debt.forEach((file, allowed) -> {
			int now = found.getOrDefault(file, List.of()).size();
			if (now < allowed) {
				problems.add(file + ": down to " + now + " Chinese literal(s); lower its line in " + DEBT
						+ " (or remove it at 0)");
			}
		});
		assertThat(problems).as("user-visible Chinese in Java").isEmpty();
	}

	@Test
	void theScanSeesLiteralsAndOnlyExemptsLexiconsAndLogs() {
		String src = """
				class A {
					// "注释" is a comment
					/* "块注释" */
					@Lexicon("cues")
					static final List<String> CUES = List.of("预算", "报价");
					@com.crmbot.text.Lexicon
					static final String[] MORE = { "一", "二" };
					void f() {
						log.info("日志 {}", x);
						say("http://x" + "你好");
						String s = "\\u4f60好";
						String t = \"""
							文本块
							\""";
						char c = '是';
					}
					@Lexicon
					static boolean cue(String s) {
						return s.contains("明天");
					}
					String g() { return "再见"; }
				}
				""";
		List<String> texts = userText(src).stream().map(Literal::text).toList();
		assertThat(texts).hasSize(5);
		assertThat(texts.get(0)).isEqualTo("你好");
		assertThat(texts.get(1)).isEqualTo("\\u4f60好");
		assertThat(texts.get(2)).contains("文本块");
		assertThat(texts.subList(3, 5)).containsExactly("是", "再见");
	}

	/**
	 * The Chinese string and char literals of a source that are neither lexicon nor log.
	 */
	static List<Literal> userText(String src) {
		StringBuilder code = new StringBuilder(src.length());
		List<Literal> literals = new ArrayList<>();
		int i = 0;
		int line = 1;
		while (i < src.length()) {
			char c = src.charAt(i);
			if (c == '/' && i + 1 < src.length() && src.charAt(i + 1) == '/') {
				while (i < src.length() && src.charAt(i) != '\n') {
					code.append(' ');
					i++;
				}
			}
			else if (c == '/' && i + 1 < src.length() && src.charAt(i + 1) == '*') {
				int end = src.indexOf("*/", i + 2);
				end = (end < 0) ? src.length() : end + 2;
				for (; i < end; i++) {
					code.append((src.charAt(i) == '\n') ? '\n' : ' ');
					line += (src.charAt(i) == '\n') ? 1 : 0;
				}
			}
			else if (src.startsWith("\"\"\"", i)) {
				int end = src.indexOf("\"\"\"", i + 3);
				end = (end < 0) ? src.length() : end + 3;
				String body = src.substring(src.indexOf('\n', i) + 1, Math.max(src.indexOf('\n', i) + 1, end - 3));
				literals.add(new Literal(line, code.length(), body));
				for (; i < end; i++) {
					code.append((src.charAt(i) == '\n') ? '\n' : '_');
					line += (src.charAt(i) == '\n') ? 1 : 0;
				}
			}
			else if (c == '"' || c == '\'') {
				int j = i + 1;
				while (j < src.length() && src.charAt(j) != c && src.charAt(j) != '\n') {
					j += (src.charAt(j) == '\\') ? 2 : 1;
				}
				literals.add(new Literal(line, code.length(), src.substring(i + 1, Math.min(j, src.length()))));
				for (; i <= j && i < src.length(); i++) {
					code.append('_');
				}
			}
			else {
				code.append(c);
				line += (c == '\n') ? 1 : 0;
				i++;
			}
		}
		List<int[]> lexicon = lexiconRanges(code);
		return literals.stream()
			.filter((l) -> hasChinese(unescape(l.text())))
			.filter((l) -> lexicon.stream().noneMatch((r) -> l.at() >= r[0] && l.at() < r[1]))
			.filter((l) -> !inLogCall(code, l.at()))
			.toList();
	}

	/** The spans of the declarations marked {@code @Lexicon}. */
	private static List<int[]> lexiconRanges(CharSequence code) {
		List<int[]> out = new ArrayList<>();
		Matcher m = LEXICON.matcher(code);
		while (m.find()) {
			int i = m.end();
			int depth = 0;
			// skip the annotation's own arguments
			while (i < code.length() && Character.isWhitespace(code.charAt(i))) {
				i++;
			}
			if (i < code.length() && code.charAt(i) == '(') {
				i = close(code, i, '(', ')');
			}
			int end = code.length();
			for (int j = i; j < code.length(); j++) {
				char c = code.charAt(j);
				if (c == '(') {
					depth++;
				}
				else if (c == ')') {
					depth--;
				}
				else if (depth == 0 && c == ';') {
					end = j + 1;
					break;
				}
				else if (depth == 0 && c == '=') {
					end = statementEnd(code, j);
					break;
				}
				else if (depth == 0 && c == '{') {
					end = close(code, j, '{', '}');
					break;
				}
			}
			out.add(new int[] { m.start(), end });
		}
		return out;
	}

	/**
	 * The index after the {@code ;} that ends the statement, braces and parens nested.
	 */
	private static int statementEnd(CharSequence code, int from) {
		int depth = 0;
		for (int j = from; j < code.length(); j++) {
			char c = code.charAt(j);
			if (c == '(' || c == '{' || c == '[') {
				depth++;
			}
			else if (c == ')' || c == '}' || c == ']') {
				depth--;
			}
			else if (c == ';' && depth == 0) {
				return j + 1;
			}
		}
		return code.length();
	}

	private static int close(CharSequence code, int open, char o, char c) {
		int depth = 0;
		for (int j = open; j < code.length(); j++) {
			if (code.charAt(j) == o) {
				depth++;
			}
			else if (code.charAt(j) == c && --depth == 0) {
				return j + 1;
			}
		}
		return code.length();
	}

	/** Whether the statement holding this position is a log call. */
	private static boolean inLogCall(CharSequence code, int at) {
		int start = at;
		while (start > 0 && ";{}".indexOf(code.charAt(start - 1)) < 0) {
			start--;
		}
		return LOG_CALL.matcher(code.subSequence(start, at)).find();
	}

	private static boolean hasChinese(String s) {
		return s.codePoints().anyMatch((cp) -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
	}

	/** Decodes {@code \\uXXXX} escapes, so an escaped word is still a word. */
	private static String unescape(String s) {
		Matcher m = Pattern.compile("\\\\u+([0-9a-fA-F]{4})").matcher(s);
		StringBuilder sb = new StringBuilder();
		while (m.find()) {
			m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
		}
		return m.appendTail(sb).toString();
	}

	private static Map<String, Integer> debt() throws IOException {
		Map<String, Integer> out = new TreeMap<>();
		if (!Files.exists(DEBT)) {
			return out;
		}
		for (String line : Files.readAllLines(DEBT, StandardCharsets.UTF_8)) {
			String l = line.strip();
			if (l.isEmpty() || l.startsWith("#")) {
				continue;
			}
			String[] parts = l.split("\\s+");
			out.put(parts[0], Integer.parseInt(parts[1]));
		}
		return out;
	}

	/**
	 * A literal: its line, its position in the comment-free code, its source text.
	 */
	record Literal(int line, int at, String text) {

		@Override
		public String toString() {
			return "line " + line + ": \"" + ((text.length() > 30) ? text.substring(0, 30) + "…" : text) + "\"";
		}

	}

}
