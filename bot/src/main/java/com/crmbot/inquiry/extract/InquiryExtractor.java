package com.crmbot.inquiry.extract;

import com.crmbot.config.CueLabel;
import com.crmbot.config.InquiryRules;
import com.crmbot.config.ObjectionRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.crmbot.text.Phones;
import com.crmbot.text.TextNormalizer;
import com.crmbot.text.Gazetteer;
import com.crmbot.text.Lexicon;

/**
 * Turns the free text of a customer inquiry into the fields of
 * {@code shared/inquiry/SPEC.md}. Cue words come from the admin rules
 * ({@code config/inquiry.yaml}); place names, surnames, titles and organisation words
 * come from {@code classpath:inquiry/}. Thread-safe once built.
 */
@Lexicon("inquiry cue words")
public final class InquiryExtractor {

	/** The text says the contact decides. */
	private static final List<String> DECIDES = List.of("说了算", "能定", "我来定", "他来定", "她来定", "我拍板", "他拍板", "她拍板", "能拍板",
			"可以拍板", "拍板的是", "我做主", "能做主", "可以做主", "决策人是", "我是决策人", "有决定权");

	/** The text says the contact does not decide. */
	private static final List<String> DECIDES_NOT = List.of("不是决策人", "没有决定权", "决定不了", "拍不了板", "不能拍板", "做不了主", "不能做主",
			"说了不算");

	private final InquiryRules rules;

	private final List<CueSet> needs = new ArrayList<>();

	private final List<CueSet> objections = new ArrayList<>();

	private final List<CueSet> industries = new ArrayList<>();

	private final Gazetteer gazetteer;

	private final OrgNames orgNames;

	private final People people;

	public InquiryExtractor(InquiryRules rules) {
		this.rules = Objects.requireNonNull(rules, "rules");
		for (CueLabel need : rules.needTypes()) {
			this.needs.add(new CueSet(need.id(), need.cues()));
		}
		for (ObjectionRule objection : rules.objections()) {
			this.objections.add(new CueSet(objection.id(), objection.cues()));
		}
		for (CueLabel industry : rules.industries()) {
			this.industries.add(new CueSet(industry.id(), industry.cues()));
		}
		this.gazetteer = new Gazetteer();
		this.people = new People();
		this.orgNames = new OrgNames(this.gazetteer, this.people::containsTitle);
	}

	public InquiryRules rules() {
		return this.rules;
	}

	/**
	 * @return the fields of the text; never throws (a failing part is left null)
	 */
	public ExtractedInquiry extract(String text) {
		if (text == null || text.isBlank()) {
			return ExtractedInquiry.empty();
		}
		String t;
		try {
			t = TextNormalizer.normalize(text).strip();
		}
		catch (RuntimeException ex) {
			return ExtractedInquiry.empty();
		}
		String lower = t.toLowerCase(Locale.ROOT);

		OrgNames.Org org = safe(() -> this.orgNames.find(t));
		String company = org == null ? null : org.name().strip();
		People.Person person = safe(
				() -> this.people.find(t, org == null ? -1 : org.start(), org == null ? -1 : org.end()));
		String contact = person == null ? null : person.contact();
		String title = person == null ? null : person.title();
		List<String> phones = safe(() -> Phones.findAll(t));
		String phone = phones == null || phones.isEmpty() ? null : phones.get(0);
		Long budget = safe(() -> Budgets.findBudget(t));
		String needType = safe(() -> need(lower));
		List<String> objectionIds = safe(() -> allLabels(this.objections, lower));
		if (objectionIds == null) {
			objectionIds = List.of();
		}
		Boolean decisionMaker = decisionMaker(lower, title, objectionIds);
		String region = safe(() -> region(t, company));
		String industry = safe(() -> industry(company, lower));
		String email = safe(() -> com.crmbot.text.Emails.find(t).orElse(null));
		return new ExtractedInquiry(company, contact, title, decisionMaker, phone, budget, needType, objectionIds,
				region, industry, email);
	}

	/** Need labels that a reaction to a price (太贵了, 超出预算, 能不能便宜点) does not make. */
	private static final java.util.Set<String> ASKING = java.util.Set.of("price_quote", "product_inquiry");

	/** Words by which a customer accepts or refuses a price (你们的报价他们能接受). */
	private static final List<String> PRICE_REACTIONS = List.of("能接受", "可以接受", "接受不了", "没问题");

	/** Objection labels of a customer reacting to a price. */
	private static final java.util.Set<String> PRICE_TALK = java.util.Set.of("price", "budget");

	/**
	 * The first need label; a quote request or product question is looked for only in
	 * clauses that do not react to a price (你们的报价超出预算了 is an objection, not a request for
	 * a quote; 能不能再便宜点 bargains, it asks nothing about the product).
	 */
	private String need(String lower) {
		String id = firstLabel(this.needs, lower, false);
		if (id == null || !ASKING.contains(id)) {
			return id;
		}
		StringBuilder rest = new StringBuilder();
		int from = 0;
		for (int i = 0; i <= lower.length(); i++) {
			if (i == lower.length() || "，。！？；,.!?;\n".indexOf(lower.charAt(i)) >= 0) {
				String clause = lower.substring(from, i);
				boolean priceTalk = PRICE_REACTIONS.stream().anyMatch(clause::contains);
				for (CueSet set : this.objections) {
					if (PRICE_TALK.contains(set.id())
							&& (set.matchesStrong(clause, true) || set.matchesWeak(clause, true))) {
						priceTalk = true;
					}
				}
				if (!priceTalk) {
					rest.append(clause);
				}
				if (i < lower.length()) {
					rest.append(lower.charAt(i));
				}
				from = i + 1;
			}
		}
		return (rest.length() == lower.length()) ? id : firstLabel(this.needs, rest.toString(), false);
	}

	private Boolean decisionMaker(String lower, String title, List<String> objectionIds) {
		for (String cue : DECIDES_NOT) {
			if (lower.contains(cue)) {
				return false;
			}
		}
		if (objectionIds.contains("authority")) {
			return false;
		}
		Boolean byTitle = this.people.decidesByTitle(title);
		if (Boolean.FALSE.equals(byTitle)) {
			return false;
		}
		for (String cue : DECIDES) {
			int at = lower.indexOf(cue);
			if (at >= 0 && (at == 0 || "不没".indexOf(lower.charAt(at - 1)) < 0)) {
				return true;
			}
		}
		return byTitle;
	}

	private String region(String t, String company) {
		if (company != null) {
			String fromCompany = this.gazetteer.firstRegion(company);
			if (fromCompany != null) {
				return fromCompany;
			}
		}
		return this.gazetteer.firstRegion(t);
	}

	private String industry(String company, String lower) {
		if (company != null) {
			String c = company.toLowerCase(Locale.ROOT);
			String id = firstLabel(this.industries, c, false);
			if (id != null) {
				return id;
			}
		}
		return firstLabel(this.industries, lower, false);
	}

	/** The first label with a normal cue; failing that, the first with a weak cue. */
	private static String firstLabel(List<CueSet> sets, String lower, boolean skipThirdParty) {
		for (CueSet set : sets) {
			if (set.matchesStrong(lower, skipThirdParty)) {
				return set.id();
			}
		}
		for (CueSet set : sets) {
			if (set.matchesWeak(lower, skipThirdParty)) {
				return set.id();
			}
		}
		return null;
	}

	private static List<String> allLabels(List<CueSet> sets, String lower) {
		List<String> out = new ArrayList<>();
		for (CueSet set : sets) {
			if ((set.matchesStrong(lower, true) || set.matchesWeak(lower, true)) && !out.contains(set.id())) {
				out.add(set.id());
			}
		}
		return out;
	}

	private static <T> T safe(java.util.function.Supplier<T> part) {
		try {
			return part.get();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
