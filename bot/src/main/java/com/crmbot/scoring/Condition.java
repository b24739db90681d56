package com.crmbot.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.crmbot.text.Lexicon;

/**
 * A scoring rule's {@code when}: one or more terms joined by {@code and}; a term is a
 * fact ({@code decisionMaker}, {@code budgetKnown}), optionally negated with {@code not},
 * or a comparison ({@code daysSinceContact >= 30}, {@code stage == 谈判}, {@code tag == A},
 * {@code budget > 100000}, {@code studentAge == 小学}).
 */
public final class Condition {

	/** Facts every customer has; any configured field id is a fact too. */
	public static final Set<String> FACTS = Set.of("decisionMaker", "budgetKnown", "phoneKnown", "contactKnown",
			"companyKnown", "dealKnown", "daysSinceContact", "daysSinceCreated", "budget", "dealAmount", "stage",
			"industry", "region", "need", "title", "tag", "tags", "phones");

	@Lexicon("scoring rule terms (facts may be Chinese field names)")
	private static final Pattern TERM = Pattern.compile(
			"^(not\\s+|!)?\\s*([\\w.\\u4e00-\\u9fa5]+)\\s*(?:(>=|<=|==|!=|=|>|<)\\s*\"?([^\"<>=!\\s][^\"]*?)?\"?)?$");

	private final String source;

	private final List<Term> terms;

	private Condition(String source, List<Term> terms) {
		this.source = source;
		this.terms = terms;
	}

	/** Parse; {@link IllegalArgumentException} says what is wrong. */
	@Lexicon("scoring rule conditions")
	public static Condition parse(String when) {
		if (when == null || when.isBlank()) {
			throw new IllegalArgumentException("empty condition");
		}
		List<Term> terms = new ArrayList<>();
		for (String part : when.strip().split("\\s+(?:and|AND|&&|且)\\s+")) {
			Matcher m = TERM.matcher(part.strip());
			if (!m.matches()) {
				throw new IllegalArgumentException("cannot read '" + part.strip()
						+ "' (expected e.g. decisionMaker, not phoneKnown, daysSinceContact >= 30, stage == 谈判)");
			}
			String op = m.group(3);
			if (op != null && (m.group(4) == null || m.group(4).isBlank())) {
				throw new IllegalArgumentException("'" + part.strip() + "' has no value after " + op);
			}
			terms.add(new Term(m.group(1) != null, m.group(2), ("=".equals(op)) ? "==" : op,
					(op != null) ? m.group(4).strip() : null));
		}
		return new Condition(when, terms);
	}

	public String source() {
		return source;
	}

	/** The identifiers used, to check them against known facts and fields. */
	public List<String> identifiers() {
		return terms.stream().map(Term::ident).toList();
	}

	public boolean test(Map<String, Object> facts) {
		for (Term t : terms) {
			if (t.test(facts) == t.negated()) {
				return false;
			}
		}
		return true;
	}

	private record Term(boolean negated, String ident, String op, String value) {

		boolean test(Map<String, Object> facts) {
			Object v = facts.get(ident);
			if (op == null) {
				return truthy(v);
			}
			if (v instanceof List<?> list) {
				boolean has = list.stream().anyMatch((x) -> String.valueOf(x).equalsIgnoreCase(value));
				return switch (op) {
					case "==" -> has;
					case "!=" -> !has;
					default -> false;
				};
			}
			if (v == null) {
				return "!=".equals(op);
			}
			Double left = number(v);
			Double right = number(value);
			if (left != null && right != null) {
				int c = Double.compare(left, right);
				return switch (op) {
					case ">=" -> c >= 0;
					case "<=" -> c <= 0;
					case ">" -> c > 0;
					case "<" -> c < 0;
					case "==" -> c == 0;
					default -> c != 0;
				};
			}
			boolean eq = String.valueOf(v).toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT));
			return switch (op) {
				case "==" -> eq;
				case "!=" -> !eq;
				default -> false;
			};
		}

		private static boolean truthy(Object v) {
			if (v == null) {
				return false;
			}
			if (v instanceof Boolean b) {
				return b;
			}
			if (v instanceof Number n) {
				return n.doubleValue() != 0;
			}
			if (v instanceof List<?> l) {
				return !l.isEmpty();
			}
			return !v.toString().isBlank();
		}

		private static Double number(Object v) {
			if (v instanceof Number n) {
				return n.doubleValue();
			}
			try {
				return Double.valueOf(v.toString());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

	}

}
