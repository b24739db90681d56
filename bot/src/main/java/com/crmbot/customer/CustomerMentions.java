package com.crmbot.customer;

import com.crmbot.text.Lexicon;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.crmbot.chat.Actor;
import com.crmbot.config.ConfigService;
import com.crmbot.text.PlaceNames;
import com.crmbot.text.Companies;
import com.crmbot.text.TextNormalizer;

import org.springframework.stereotype.Component;

/**
 * Customers a free text mentions by a short name or alias ("云帆的陈丽说…" about 杭州云帆物流有限公司),
 * within what the writer may see. Each customer is known by its company key (杭州云帆物流), the
 * key without the places it starts with (云帆物流), the trade name without the trailing line
 * of business (云帆), and the aliases admins list under {@code aliases} in
 * {@code config/customers.yaml}. A mention inside a longer mention of another customer
 * does not count (杭州云帆物流 is not also a mention of 上海云帆科技); among several, the one whose
 * contact is also named wins.
 */
@Component
public class CustomerMentions {

	/** Shorter aliases than this are never derived (a single character is no name). */
	static final int MIN_ALIAS = 2;

	/**
	 * Lines of business and generic words at the end of a trade name, stripped to get the
	 * name people say (恒通精密机械 → 恒通).
	 */
	@Lexicon("business words in trade names")
	private static final List<String> BUSINESS_WORDS = List.of("信息技术", "信息科技", "网络科技", "电子商务", "供应链", "房地产", "自动化",
			"新材料", "新能源", "物流", "快递", "货运", "运输", "科技", "技术", "信息", "网络", "软件", "数据", "智能", "电子", "电器", "电气", "机械",
			"精密", "机电", "设备", "制造", "工业", "实业", "贸易", "商贸", "进出口", "国际", "建设", "建筑", "工程", "装饰", "医疗", "器械", "医药", "生物",
			"健康", "食品", "餐饮", "服装", "服饰", "纺织", "鞋业", "教育", "培训", "文化", "传媒", "广告", "咨询", "管理", "服务", "汽车", "汽配", "化工",
			"材料", "能源", "环保", "农业", "家具", "家居", "印刷", "包装", "物业", "置业", "地产", "酒店", "投资", "金融", "控股", "集团", "发展", "企业",
			"股份", "商务", "电商", "连锁", "超市", "百货");

	private final CustomerService customers;

	private final ConfigService config;

	CustomerMentions(CustomerService customers, ConfigService config) {
		this.customers = customers;
		this.config = config;
	}

	/**
	 * The customers the text mentions, best first; empty when none, several when it is
	 * ambiguous.
	 */
	public List<Customer> in(Actor actor, String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		return snapshot(actor).in(text);
	}

	/**
	 * The names of every customer the actor may see (newest contact first, at most
	 * {@link CustomerService#VISIBLE_SCAN_LIMIT}), read once: one projected query,
	 * aliases derived once per customer. A batch of messages from one sender checks all
	 * its texts against one snapshot instead of reading every visible customer per
	 * message.
	 */
	public Snapshot snapshot(Actor actor) {
		Map<String, List<String>> admin = adminAliases(config.get().customers().aliases());
		List<Known> known = new ArrayList<>();
		for (CustomerService.NameRef r : customers.visibleNames(actor)) {
			known.add(new Known(r.id(), aliases(r.company(), r.name(), r.companyKey(), admin), r.contact()));
		}
		return new Snapshot(known, admin);
	}

	/** A customer as mention matching sees it. */
	private record Known(String id, Set<String> aliases, String contact) {
	}

	/** The visible customers' names at one moment (see {@link #snapshot}). */
	public final class Snapshot {

		private final List<Known> known;

		private final Map<String, List<String>> admin;

		private Snapshot(List<Known> known, Map<String, List<String>> admin) {
			this.known = known;
			this.admin = admin;
		}

		/**
		 * A customer that became visible after the snapshot was taken (created by an
		 * earlier message of the same batch): it is matched first, as the newest contact.
		 */
		public void add(Customer c) {
			if (c == null || c.id() == null) {
				return;
			}
			known.removeIf((k) -> k.id().equals(c.id()));
			known.add(0, new Known(c.id(), aliases(c.company(), c.name(), c.companyKey(), admin), c.contact()));
		}

		/**
		 * The customers the text mentions, best first; empty when none, several when it
		 * is ambiguous (as {@link CustomerMentions#in}).
		 */
		public List<Customer> in(String text) {
			if (text == null || text.isBlank()) {
				return List.of();
			}
			String t = TextNormalizer.normalize(text).toLowerCase(Locale.ROOT);
			record Hit(Known c, int start, int end) {

				boolean inside(Hit o) {
					return o.start <= start && end <= o.end && (o.end - o.start) > (end - start);
				}

			}
			List<Hit> hits = new ArrayList<>();
			for (Known c : known) {
				Hit best = null;
				for (String alias : c.aliases()) {
					int at = t.indexOf(alias);
					if (at >= 0 && (best == null || alias.length() > best.end() - best.start())) {
						best = new Hit(c, at, at + alias.length());
					}
				}
				if (best != null) {
					hits.add(best);
				}
			}
			if (hits.isEmpty()) {
				return List.of();
			}
			List<Hit> kept = hits.stream()
				.filter((h) -> hits.stream().noneMatch((o) -> o != h && o.c() != h.c() && h.inside(o)))
				.sorted((a, b) -> Integer.compare(b.end() - b.start(), a.end() - a.start()))
				.toList();
			if (kept.size() > 1) {
				List<Hit> withContact = kept.stream()
					.filter((h) -> h.c().contact() != null && h.c().contact().length() >= MIN_ALIAS
							&& t.contains(h.c().contact().toLowerCase(Locale.ROOT)))
					.toList();
				if (withContact.size() == 1) {
					return customers.byIds(List.of(withContact.get(0).c().id()));
				}
			}
			return customers.byIds(kept.stream().map((h) -> h.c().id()).toList());
		}

	}

	/**
	 * Whether a company name found in a text contains one of the customer's names without
	 * being that customer (上海云帆科技 holds 云帆 but is not 杭州云帆物流): then a mention of the
	 * customer in that text is really the other company's name.
	 */
	public boolean inOtherName(Customer c, String company) {
		if (company == null || FuzzyNames.isShortening(company, c)) {
			return false;
		}
		String key = Companies.key(company);
		return aliases(c, config.get().customers().aliases()).stream().anyMatch(key::contains);
	}

	/**
	 * Whether the text mentions the customer by one of its names (as {@link #in} would
	 * find it) and the mention is not part of {@code company}, another company's name
	 * found in the text.
	 */
	public boolean mentions(Customer c, String text, String company) {
		if (text == null || text.isBlank()) {
			return false;
		}
		String t = TextNormalizer.normalize(text).toLowerCase(Locale.ROOT);
		Set<String> names = aliases(c, config.get().customers().aliases());
		return names.stream().anyMatch(t::contains) && !inOtherName(c, company);
	}

	/** The names a customer is known by, lower case, longest first. */
	static Set<String> aliases(Customer c, Map<String, List<String>> admin) {
		return aliases(c.company(), c.name(), c.companyKey(), adminAliases(admin));
	}

	/**
	 * Admins' aliases by the company key of the name they are listed under (normalized,
	 * lower case, long enough).
	 */
	private static Map<String, List<String>> adminAliases(Map<String, List<String>> admin) {
		Map<String, List<String>> out = new java.util.LinkedHashMap<>();
		admin.forEach((name, list) -> {
			String k = Companies.key(name);
			if (!k.isEmpty()) {
				out.computeIfAbsent(k, (x) -> new ArrayList<>())
					.addAll(list.stream()
						.map((a) -> TextNormalizer.normalize(a).strip().toLowerCase(Locale.ROOT))
						.filter((a) -> a.length() >= MIN_ALIAS)
						.toList());
			}
		});
		return out;
	}

	private static Set<String> aliases(String company, String name, String companyKey,
			Map<String, List<String>> adminByKey) {
		Set<String> out = new LinkedHashSet<>();
		String source = (company != null && !company.isBlank()) ? company : name;
		if (source == null) {
			return out;
		}
		out.addAll(DERIVED.computeIfAbsent(source, (n) -> List.copyOf(derived(n))));
		if (!adminByKey.isEmpty()) {
			String key = Companies.key(source);
			adminByKey.forEach((k, list) -> {
				if (k.equals(key) || k.equals(companyKey)) {
					out.addAll(list);
				}
			});
		}
		return out;
	}

	/** Derived aliases by company name (a pure function of the name; bounded). */
	private static final Map<String, List<String>> DERIVED = java.util.Collections
		.synchronizedMap(new java.util.LinkedHashMap<>(1024, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
				return size() > 50_000;
			}

		});

	/**
	 * The aliases derived from a company name: 杭州云帆物流有限公司 → 杭州云帆物流, 云帆物流, 云帆.
	 */
	public static List<String> derived(String companyName) {
		List<String> out = new ArrayList<>();
		String key = Companies.key(companyName);
		if (key.length() < MIN_ALIAS) {
			return out;
		}
		out.add(key);
		String rest = PlaceNames.withoutLeadingPlaces(key);
		if (rest.length() >= MIN_ALIAS && !out.contains(rest)) {
			out.add(rest);
		}
		String trade = rest;
		boolean changed = true;
		while (changed) {
			changed = false;
			for (String w : BUSINESS_WORDS) {
				if (trade.endsWith(w) && trade.length() - w.length() >= MIN_ALIAS) {
					trade = trade.substring(0, trade.length() - w.length());
					changed = true;
					break;
				}
			}
		}
		if (!out.contains(trade) && trade.length() >= MIN_ALIAS) {
			out.add(trade);
		}
		return out;
	}

}
