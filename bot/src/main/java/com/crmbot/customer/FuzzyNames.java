package com.crmbot.customer;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.crmbot.text.Companies;

/**
 * Fuzzy matching of a typed name against customers' company keys and names: "苏州恒通机械"
 * finds 苏州恒通精密机械有限公司. A name scores by the larger of two measures: the typed characters
 * appear in order in the key (a character subsequence, weighted by how much of the key
 * they cover), and the overlap of character bigrams (Dice coefficient).
 */
public final class FuzzyNames {

	/** Below this a customer is not offered. */
	public static final double THRESHOLD = 0.5;

	private FuzzyNames() {
	}

	/**
	 * The best score of the typed text against a customer's company key, name and
	 * contact.
	 */
	public static double score(String typed, Customer c) {
		String q = Companies.key(typed);
		if (q.length() < 2) {
			return 0;
		}
		double best = 0;
		for (String k : new String[] { c.companyKey(), Companies.key(c.name()), Companies.key(c.contact()) }) {
			if (k != null && !k.isEmpty()) {
				best = Math.max(best, score(q, k));
			}
		}
		return best;
	}

	/**
	 * Whether the typed name is a shortening of the customer's (its characters in order):
	 * 苏州恒通机械 of 苏州恒通精密机械有限公司, but not 温州老客户鞋业 of 温州新客户鞋业.
	 */
	public static boolean isShortening(String typed, Customer c) {
		String q = Companies.key(typed);
		if (q.length() < 2) {
			return false;
		}
		for (String k : new String[] { c.companyKey(), Companies.key(c.name()) }) {
			if (k != null && !k.isEmpty() && isSubsequence(q, k)) {
				return true;
			}
		}
		return false;
	}

	/** Score of a normalized query against a normalized key, 0..1. */
	static double score(String q, String k) {
		if (q.equals(k)) {
			return 1;
		}
		double subsequence = isSubsequence(q, k) ? 0.6 + 0.4 * q.length() / k.length() : 0;
		return Math.max(subsequence, dice(q, k));
	}

	/** Customers scoring at least {@link #THRESHOLD}, best first. */
	public static List<Customer> rank(String typed, List<Customer> candidates, int limit) {
		record Scored(Customer c, double s) {
		}
		return candidates.stream()
			.map((c) -> new Scored(c, score(typed, c)))
			.filter((s) -> s.s() >= THRESHOLD)
			.sorted(Comparator.comparingDouble((Scored s) -> -s.s()).thenComparing((s) -> s.c().name()))
			.limit(limit)
			.map(Scored::c)
			.toList();
	}

	private static boolean isSubsequence(String q, String k) {
		int j = 0;
		for (int i = 0; i < k.length() && j < q.length(); i++) {
			if (k.charAt(i) == q.charAt(j)) {
				j++;
			}
		}
		return j == q.length();
	}

	private static double dice(String a, String b) {
		Set<String> x = bigrams(a);
		Set<String> y = bigrams(b);
		if (x.isEmpty() || y.isEmpty()) {
			return 0;
		}
		int common = 0;
		for (String s : x) {
			if (y.contains(s)) {
				common++;
			}
		}
		return 2.0 * common / (x.size() + y.size());
	}

	private static Set<String> bigrams(String s) {
		Set<String> out = new HashSet<>();
		for (int i = 0; i + 1 < s.length(); i++) {
			out.add(s.substring(i, i + 2));
		}
		return out;
	}

}
