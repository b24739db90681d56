package com.crmbot.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.crmbot.config.AdminConfig;
import com.crmbot.config.CustomerConfig;
import com.crmbot.config.CustomerConfig.Field;
import com.crmbot.fields.FieldValues;
import com.crmbot.fields.TagRules;
import com.crmbot.config.CueLabel;
import com.crmbot.text.Companies;
import com.crmbot.text.Dates;
import com.crmbot.text.Lexicon;
import com.crmbot.text.Phones;

/**
 * Turns table rows into lead facts: finds the header row (Chinese or English names and
 * their configured synonyms), cleans each cell, splits and normalizes phones, checks
 * values against the field definitions, and says why a row cannot be used.
 */
final class LeadRows {

	@Lexicon("import header synonyms")
	static final Map<String, List<String>> BUILT_IN = Map.ofEntries(
			Map.entry("company",
					List.of("客户名称", "客户", "客户公司", "公司", "公司名称", "公司全称", "单位", "单位名称", "企业", "company", "companyname",
							"customer", "customername", "organization", "account", "accountname")),
			Map.entry("contact",
					List.of("联系人", "姓名", "联系人姓名", "客户联系人", "对接人", "contact", "contactname", "name", "contactperson")),
			Map.entry("title", List.of("职务", "职位", "头衔", "title", "position", "jobtitle")),
			Map.entry("phone",
					List.of("电话", "手机", "手机号", "联系电话", "电话号码", "座机", "手机/电话", "mobile", "phone", "tel", "telephone",
							"phonenumber", "mobilephone", "cellphone")),
			Map.entry("region", List.of("地区", "省份", "区域", "所在地区", "城市", "region", "province", "city")),
			Map.entry("industry", List.of("行业", "所属行业", "industry")),
			Map.entry("budget", List.of("预算", "预算(元)", "预算金额", "预算（元）", "budget", "budgetcny")),
			Map.entry("need", List.of("需求", "需求类型", "need", "needtype")),
			Map.entry("tags",
					List.of("标签", "客户分级", "客户等级", "客户级别", "分级", "等级", "级别", "tags", "tag", "tier", "grade", "level")),
			Map.entry("decisionMaker", List.of("是否决策人", "决策人", "拍板人", "decisionmaker", "decider")),
			Map.entry("email", List.of("邮箱", "电子邮箱", "邮件", "电子邮件", "email", "e-mail", "mail", "emailaddress")),
			Map.entry("note",
					List.of("备注", "备注信息", "说明", "note", "notes", "remark", "remarks", "comment", "comments")));

	/** A totals row: 合计/总计/小计 alone or followed by a colon, a number or a count. */
	@Lexicon("totals row words")
	private static final java.util.regex.Pattern TOTAL = java.util.regex.Pattern.compile(
			"^(合计|总计|小计|总数|共计|total|subtotal|grand total|sum)\\s*([:：].*|[\\d\\s,.]*(家|个|行|条|人|元|万元)?)$",
			java.util.regex.Pattern.CASE_INSENSITIVE);

	/** A unit in a header ({@code 预算(万元)}, {@code 预算（千元）}, {@code 金额/万}). */
	@Lexicon("amount units in headers")
	private static final java.util.regex.Pattern UNIT = java.util.regex.Pattern.compile(
			"(?:[(（\\[【]\\s*(?:单位\\s*[:：])?\\s*|/|单位[:：]?)(亿元|亿|百万元|百万|万元|万|千元|千|元|rmb|cny|yuan)\\s*[)）\\]】]?$",
			java.util.regex.Pattern.CASE_INSENSITIVE);

	/** Titles of people who decide or sign (SPEC.md's decision_maker). */
	@Lexicon("titles of deciders")
	private static final java.util.regex.Pattern DECIDERS = java.util.regex.Pattern
		.compile("老板|董事长|总经理|总裁|CEO|ceo|校长|院长|创始人|法人|负责人");

	private final AdminConfig config;

	private final Map<String, String> synonyms = new HashMap<>();

	private final Map<String, Field> fieldDefs = new HashMap<>();

	/** Renders a reply template (key, variables) in the importer's language. */
	private final java.util.function.BiFunction<String, Map<String, ?>, String> say;

	LeadRows(AdminConfig config) {
		this(config, (key, vars) -> key + vars);
	}

	LeadRows(AdminConfig config, java.util.function.BiFunction<String, Map<String, ?>, String> say) {
		this.config = config;
		this.say = say;
		CustomerConfig cc = config.customers();
		BUILT_IN.forEach((target, names) -> names.forEach((n) -> synonyms.putIfAbsent(headerKey(n), target)));
		List<Field> all = new ArrayList<>(cc.coreFields());
		cc.industryFields().values().forEach(all::addAll);
		for (Field f : all) {
			fieldDefs.putIfAbsent(f.id(), f);
			String target = switch (f.id()) {
				case "name" -> "company";
				case "budget", "budgetCny" -> "budget";
				default -> f.id();
			};
			if (!target.equals("dealAmount")) {
				synonyms.putIfAbsent(headerKey(f.id()), target);
				if (f.label() != null) {
					synonyms.putIfAbsent(headerKey(f.label()), target);
				}
			}
		}
		// a tag group's label names a column of its tags (客户分级 → tier A/B/C)
		cc.tagGroups().forEach((g) -> {
			if (g.label() != null) {
				synonyms.putIfAbsent(headerKey(g.label()), "tags");
			}
		});
		// configured synonyms win over built-in ones
		cc.importHeaders().forEach((target, names) -> names.forEach((n) -> synonyms.put(headerKey(n), target)));
	}

	static String headerKey(String raw) {
		String s = FieldValues.clean(raw);
		if (s == null) {
			return "";
		}
		return s.toLowerCase(Locale.ROOT).replaceAll("[\\s*:：_\\-]", "");
	}

	/** The target field of a header cell, or null. */
	String target(String header) {
		String k = headerKey(header);
		if (k.isEmpty()) {
			return null;
		}
		String t = synonyms.get(k);
		if (t == null) {
			t = synonyms.get(k.replaceAll("[(（][^)）]*[)）]", ""));
		}
		return t;
	}

	/**
	 * Read a header row: column index → target, or empty if the row does not look like a
	 * header (it needs a company or phone column).
	 */
	Optional<Columns> header(TableReader.RawRow row) {
		Map<Integer, String> byIndex = new LinkedHashMap<>();
		Map<Integer, Unit> units = new LinkedHashMap<>();
		List<String> ignored = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (int i = 0; i < row.cells().size(); i++) {
			String cell = row.cells().get(i);
			String t = target(cell);
			if (t != null && (seen.add(t) || t.equals("phone") || t.equals("tags"))) {
				byIndex.put(i, t);
				Unit u = unit(cell);
				if (u != null && (t.equals("budget") || isNumberField(t))) {
					units.put(i, u);
				}
			}
			else if (FieldValues.clean(cell) != null) {
				ignored.add(FieldValues.clean(cell));
			}
		}
		if (!seen.contains("company") && !seen.contains("phone")) {
			return Optional.empty();
		}
		return Optional.of(new Columns(row.number(), byIndex, row.cells(), ignored, units));
	}

	private boolean isNumberField(String target) {
		Field f = fieldDefs.get(target);
		return f != null && "number".equals(f.type());
	}

	/** The unit a header gives its amounts ({@code 预算(万元)}: 万元, × 10,000), or null. */
	@Lexicon("amount units in headers")
	static Unit unit(String header) {
		String h = FieldValues.clean(header);
		if (h == null) {
			return null;
		}
		java.util.regex.Matcher m = UNIT.matcher(h);
		if (!m.find()) {
			return null;
		}
		String u = m.group(1).toLowerCase(Locale.ROOT);
		long factor = switch (u) {
			case "亿元", "亿" -> 100_000_000L;
			case "百万元", "百万" -> 1_000_000L;
			case "万元", "万" -> 10_000L;
			case "千元", "千" -> 1_000L;
			default -> 1L;
		};
		return new Unit(m.group(1), factor);
	}

	/**
	 * An amount in a column with a unit: a bare number is in that unit (50 in 万元 is
	 * 500,000 yuan, 8.5 is 85,000); an amount that says its own unit (50万, 3k, 300元)
	 * keeps it.
	 */
	static Optional<Long> amount(String raw, Unit unit) {
		String s = FieldValues.clean(raw);
		if (s == null) {
			return Optional.empty();
		}
		String plain = s.replaceAll("[\\s,，¥￥]", "");
		if (unit != null && plain.matches("[0-9]+(\\.[0-9]+)?")) {
			return Optional.of(new java.math.BigDecimal(plain).multiply(java.math.BigDecimal.valueOf(unit.factor()))
				.setScale(0, java.math.RoundingMode.HALF_UP)
				.longValueExact());
		}
		return FieldValues.money(s);
	}

	/** Parse one data row. */
	Parsed parse(Columns cols, TableReader.RawRow row) {
		Map<String, String> v = new LinkedHashMap<>();
		Map<String, Unit> valueUnits = new HashMap<>();
		List<String> phoneCells = new ArrayList<>();
		List<String> tagCells = new ArrayList<>();
		boolean anyMapped = false;
		boolean anyContent = false;
		boolean total = false;
		for (int i = 0; i < row.cells().size(); i++) {
			String cell = FieldValues.clean(row.cells().get(i));
			if (cell == null) {
				continue;
			}
			anyContent = true;
			if (TOTAL.matcher(cell).matches()) {
				total = true;
			}
			String t = cols.byIndex().get(i);
			if (t == null) {
				continue;
			}
			if (!cell.replaceAll("[\\p{P}\\p{S}\\s]", "").isEmpty()) {
				anyMapped = true;
			}
			if (t.equals("phone")) {
				phoneCells.add(cell);
			}
			else if (t.equals("tags")) {
				tagCells.add(cell);
			}
			else if (v.putIfAbsent(t, cell) == null && cols.units().containsKey(i)) {
				valueUnits.put(t, cols.units().get(i));
			}
		}
		if (!anyContent) {
			return Parsed.skip(Kind.BLANK);
		}
		if (total) {
			return Parsed.skip(Kind.TOTAL);
		}
		if (!anyMapped || isRepeatedHeader(cols, row)) {
			return Parsed.skip(Kind.DECORATIVE);
		}
		String company = v.remove("company");
		if (company != null && company.replaceAll("[\\p{P}\\p{S}\\s]", "").isEmpty()) {
			company = null;
		}
		List<String> phones = new ArrayList<>();
		List<String> badPhones = new ArrayList<>();
		for (String cell : phoneCells) {
			splitPhones(cell, phones, badPhones);
		}
		if (company == null && phones.isEmpty()) {
			return Parsed.reject(badPhones.isEmpty() ? say.apply("import-reason-missing", Map.of())
					: say.apply("import-reason-bad-phone-no-company", Map.of("phones", String.join("、", badPhones))));
		}
		if (!badPhones.isEmpty()) {
			return Parsed.reject(say.apply("import-reason-bad-phone", Map.of("phones", String.join("、", badPhones))));
		}
		Lead lead = new Lead();
		lead.company = company;
		String key = (company != null) ? Companies.key(company) : null;
		lead.companyKey = (key != null && !key.isEmpty()) ? key : null;
		lead.phones = phones;
		lead.contact = v.remove("contact");
		lead.title = v.remove("title");
		String dm = v.remove("decisionMaker");
		if (dm != null) {
			Field f = fieldDefs.getOrDefault("decisionMaker", new Field("decisionMaker",
					say.apply("import-decision-maker-label", Map.of()), "boolean", null, false));
			FieldValues.Checked c = FieldValues.check(f, dm);
			if (!c.ok()) {
				return Parsed.reject(say.apply(c.error(), c.vars()));
			}
			lead.decisionMaker = (Boolean) c.value();
		}
		else if (lead.title != null && DECIDERS.matcher(lead.title).find()) {
			lead.decisionMaker = Boolean.TRUE;
		}
		lead.region = v.remove("region");
		lead.need = v.remove("need");
		lead.note = v.remove("note");
		String industry = v.remove("industry");
		lead.industry = (industry != null) ? industryLabel(industry) : null;
		String budget = v.remove("budget");
		if (budget != null) {
			Optional<Long> b = amount(budget, valueUnits.get("budget"));
			if (b.isEmpty()) {
				return Parsed.reject(say.apply("import-reason-budget", Map.of("value", budget)));
			}
			lead.budget = b.get();
		}
		if (!tagCells.isEmpty()) {
			List<String> wanted = new ArrayList<>();
			for (String cell : tagCells) {
				for (String tag : cell.split("[,，、;；/|\\s]+")) {
					if (!tag.isBlank()) {
						wanted.add(tierTag(tag));
					}
				}
			}
			try {
				lead.tags = TagRules.add(config.customers(), List.of(), wanted);
			}
			catch (TagRules.Rejected ex) {
				return Parsed.reject(say.apply(ex.key(), ex.vars()));
			}
		}
		for (Map.Entry<String, String> e : v.entrySet()) {
			Field f = fieldDefs.get(e.getKey());
			if (f == null) {
				continue;
			}
			String value = e.getValue();
			if ("date".equals(f.type())) {
				value = Dates.parse(value).map(Object::toString).orElse(value);
			}
			else if ("number".equals(f.type()) && valueUnits.containsKey(e.getKey())) {
				Optional<Long> n = amount(value, valueUnits.get(e.getKey()));
				if (n.isPresent()) {
					lead.fields.put(f.id(), n.get());
					continue;
				}
			}
			FieldValues.Checked c = FieldValues.check(f, value);
			if (!c.ok()) {
				return Parsed.reject(say.apply(c.error(), c.vars()));
			}
			lead.fields.put(f.id(), c.value());
		}
		return new Parsed(Kind.LEAD, lead, null);
	}

	/**
	 * A tag as written in a grade column: 「A类」「A级」「a」「A类客户」 are the tag A when a tag
	 * group has it; anything else stays as written.
	 */
	@Lexicon("grade column values")
	private String tierTag(String raw) {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([A-Za-z])\\s*(类|级|等)?(客户)?$")
			.matcher(raw.strip());
		if (m.matches()) {
			String letter = m.group(1).toUpperCase(Locale.ROOT);
			if (TagRules.canonical(config.customers(), letter).isPresent()) {
				return letter;
			}
		}
		return raw;
	}

	private static boolean isRepeatedHeader(Columns cols, TableReader.RawRow row) {
		int same = 0;
		for (Map.Entry<Integer, String> e : cols.byIndex().entrySet()) {
			int i = e.getKey();
			if (i < row.cells().size() && i < cols.headerCells().size()
					&& headerKey(row.cells().get(i)).equals(headerKey(cols.headerCells().get(i)))) {
				same++;
			}
		}
		return same == cols.byIndex().size();
	}

	/**
	 * Several phones in one cell: split on separators (and spaces between complete
	 * numbers); a piece without digits (无, -) is ignored, one that is no phone is
	 * reported.
	 */
	static void splitPhones(String cell, List<String> phones, List<String> bad) {
		for (String piece : cell.split("[,;，；、/|\\n\\r]+")) {
			String p = FieldValues.clean(piece);
			if (p == null || !p.matches(".*\\d.*")) {
				continue;
			}
			Optional<String> n = Phones.normalize(p.replaceAll("[（(][^)）0-9]*[)）]", ""));
			if (n.isPresent()) {
				if (!phones.contains(n.get())) {
					phones.add(n.get());
				}
				continue;
			}
			List<String> found = Phones.findAll(p);
			if (!found.isEmpty()) {
				found.stream().filter((x) -> !phones.contains(x)).forEach(phones::add);
			}
			else {
				bad.add(p);
			}
		}
	}

	private String industryLabel(String raw) {
		for (CueLabel c : config.inquiry().industries()) {
			if (c.id().equalsIgnoreCase(raw) || raw.equals(c.label())) {
				return c.id();
			}
		}
		for (CueLabel c : config.inquiry().industries()) {
			if (c.cues().stream().anyMatch(raw::contains) || (c.label() != null && raw.contains(c.label()))) {
				return c.id();
			}
		}
		return raw;
	}

	/**
	 * The header: its row, the target of each mapped column, the raw header cells,
	 * unmapped names.
	 */
	record Columns(int headerRow, Map<Integer, String> byIndex, List<String> headerCells, List<String> ignored,
			Map<Integer, Unit> units) {
	}

	/**
	 * The unit of a column's amounts, as written in its header, and its factor to yuan.
	 */
	record Unit(String label, long factor) {
	}

	enum Kind {

		LEAD, BLANK, DECORATIVE, TOTAL, REJECTED

	}

	/** A parsed row: a lead, a row to skip silently, or a rejection with its reason. */
	record Parsed(Kind kind, Lead lead, String reason) {

		static Parsed skip(Kind kind) {
			return new Parsed(kind, null, null);
		}

		static Parsed reject(String reason) {
			return new Parsed(Kind.REJECTED, null, reason);
		}

	}

	/** What one row says about a lead. */
	static final class Lead {

		String company;

		String companyKey;

		List<String> phones = List.of();

		String contact;

		String title;

		Boolean decisionMaker;

		String region;

		String industry;

		String need;

		String note;

		Long budget;

		List<String> tags = List.of();

		Map<String, Object> fields = new LinkedHashMap<>();

		/** Identity keys: p:phone and c:companyKey. */
		List<String> keys() {
			List<String> k = new ArrayList<>();
			phones.forEach((p) -> k.add("p:" + p));
			if (companyKey != null && !companyKey.isEmpty()) {
				k.add("c:" + companyKey);
			}
			return k;
		}

		String name() {
			if (company != null) {
				return company;
			}
			return (contact != null) ? contact : Phones.mask(phones.get(0));
		}

	}

}
