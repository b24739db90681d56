package com.crmbot.followup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.Reply;
import com.crmbot.customer.ChangeLog;
import com.crmbot.customer.Customer;
import com.crmbot.customer.CustomerLifecycle;
import com.crmbot.customer.CustomerLookup;
import com.crmbot.customer.CustomerService;
import com.crmbot.fields.FieldValues;
import com.crmbot.config.CueLabel;
import com.crmbot.text.Companies;
import com.crmbot.text.Lexicon;
import com.crmbot.text.Phones;

import org.springframework.stereotype.Component;

/**
 * {@code /fix [客户] <字段> <值> …}: correct what the extractor got wrong in the last
 * follow-up I filed (or the named customer's last one). The follow-up's extracted fields
 * and the customer's fields both change; {@code /undo} takes it back.
 */
@Component
class FixCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("fix", Permission.USER);

	/**
	 * A correctable field: its customer field, its key in the follow-up's extracted map.
	 */
	private record Target(String id, String customerField, String extractedKey) {
	}

	private static final Map<String, Target> FIELDS = fields();

	/** The words people type for each correctable field. */
	@Lexicon("field names in /fix")
	private static Map<String, Target> fields() {
		Map<String, Target> fields = new LinkedHashMap<>();
		Target company = new Target("company", "company", "company");
		Target contact = new Target("contact", "contact", "contact");
		Target title = new Target("title", "title", "title");
		Target phone = new Target("phone", "phones", "phone");
		Target budget = new Target("budget", "budgetCny", "budget_cny");
		Target need = new Target("need", "needType", "need_type");
		Target region = new Target("region", "region", "region");
		Target industry = new Target("industry", "industry", "industry");
		Target decision = new Target("decisionMaker", "decisionMaker", "decision_maker");
		for (String k : List.of("公司", "公司名称", "客户名称", "单位", "company")) {
			fields.put(k, company);
		}
		for (String k : List.of("联系人", "姓名", "contact")) {
			fields.put(k, contact);
		}
		for (String k : List.of("职务", "职位", "title")) {
			fields.put(k, title);
		}
		for (String k : List.of("电话", "手机", "手机号", "phone")) {
			fields.put(k, phone);
		}
		for (String k : List.of("预算", "budget")) {
			fields.put(k, budget);
		}
		for (String k : List.of("需求", "需求类型", "need")) {
			fields.put(k, need);
		}
		for (String k : List.of("地区", "省份", "region")) {
			fields.put(k, region);
		}
		for (String k : List.of("行业", "industry")) {
			fields.put(k, industry);
		}
		for (String k : List.of("决策人", "是否决策人", "decisionmaker")) {
			fields.put(k, decision);
		}
		return fields;
	}

	/** Yes or no as people type it; null when it is neither. */
	@Lexicon("yes and no")
	private static Boolean yesNo(String raw) {
		return switch (raw.toLowerCase(Locale.ROOT)) {
			case "是", "对", "yes", "y", "true" -> Boolean.TRUE;
			case "否", "不是", "no", "n", "false" -> Boolean.FALSE;
			default -> null;
		};
	}

	private final CustomerLookup lookup;

	private final CustomerService customers;

	private final CustomerLifecycle lifecycle;

	private final FollowUpService followUps;

	private final ChangeLog changes;

	private final ConfigService config;

	FixCommand(CustomerLookup lookup, CustomerService customers, CustomerLifecycle lifecycle, FollowUpService followUps,
			ChangeLog changes, ConfigService config) {
		this.lookup = lookup;
		this.customers = customers;
		this.lifecycle = lifecycle;
		this.followUps = followUps;
		this.changes = changes;
		this.config = config;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<String> tokens = ctx.tokens();
		if (tokens.size() < 2) {
			return ctx.usage();
		}
		int start = 0;
		Optional<FollowUp> last;
		Customer customer;
		if (!FIELDS.containsKey(key(tokens.get(0)))) {
			if (tokens.size() % 2 == 0) {
				// "<字段> <值>" pairs without a customer: the first is no field we know
				return ctx.say("fix-unknown-field", Map.of("field", tokens.get(0)));
			}
			CustomerLookup.Result r = lookup.find(ctx, tokens.get(0));
			if (!r.found()) {
				return r.replies();
			}
			customer = r.customer();
			last = followUps.lastFiledBy(ctx.actor().id(), customer.id());
			start = 1;
		}
		else {
			last = followUps.lastFiledBy(ctx.actor().id(), null);
			if (last.isEmpty()) {
				return ctx.say("fix-nothing", Map.of());
			}
			Optional<Customer> c = customers.byId(last.get().customerId());
			if (c.isEmpty()) {
				return ctx.say("fix-nothing", Map.of());
			}
			customer = c.get();
		}
		List<String> pairs = tokens.subList(start, tokens.size());
		if (pairs.isEmpty() || pairs.size() % 2 != 0) {
			return ctx.usage();
		}
		AdminConfig cfg = config.get();
		Map<String, Object> customerValues = new LinkedHashMap<>();
		Map<String, Object> extractedValues = new LinkedHashMap<>();
		List<String> shown = new ArrayList<>();
		for (int i = 0; i < pairs.size(); i += 2) {
			String label = pairs.get(i);
			String raw = pairs.get(i + 1);
			Target t = FIELDS.get(key(label));
			if (t == null) {
				return ctx.say("fix-unknown-field", Map.of("field", label));
			}
			Object value;
			Object stored;
			switch (t.id()) {
				case "phone" -> {
					Optional<String> p = Phones.normalize(raw);
					if (p.isEmpty()) {
						return ctx.say("fix-bad-value", Map.of("field", label, "value", raw));
					}
					Optional<Customer> other = customers.byPhone(p.get());
					if (other.isPresent() && !other.get().id().equals(customer.id())) {
						return ctx.say("fix-taken", Map.of("field", label, "value", raw));
					}
					List<String> phones = new ArrayList<>(customer.phoneList());
					Object old = (last.isPresent() && last.get().extracted() != null)
							? last.get().extracted().get("phone") : null;
					phones.remove(old);
					phones.remove(p.get());
					phones.add(0, p.get());
					value = p.get();
					stored = phones;
					shown.add(label + "：" + Phones.readable(p.get()));
				}
				case "budget" -> {
					Optional<Long> yuan = FieldValues.money(raw);
					if (yuan.isEmpty()) {
						return ctx.say("fix-bad-value", Map.of("field", label, "value", raw));
					}
					value = yuan.get();
					stored = yuan.get();
					shown.add(label + "：" + raw);
				}
				case "need" -> {
					value = code(cfg.inquiry().needTypes(), raw);
					stored = value;
					shown.add(label + "：" + cfg.needLabel((String) value));
				}
				case "industry" -> {
					value = code(cfg.inquiry().industries(), raw);
					stored = value;
					shown.add(label + "：" + cfg.industryLabel((String) value));
				}
				case "decisionMaker" -> {
					Boolean b = yesNo(raw);
					if (b == null) {
						return ctx.say("fix-bad-value", Map.of("field", label, "value", raw));
					}
					value = b;
					stored = b;
					shown.add(label + "：" + raw);
				}
				case "company" -> {
					String key = Companies.key(raw);
					Optional<Customer> other = customers.byCompanyKey(key);
					if (other.isPresent() && !other.get().id().equals(customer.id())) {
						return ctx.say("fix-taken", Map.of("field", label, "value", raw));
					}
					value = raw;
					stored = raw;
					customerValues.put("companyKey", key);
					customerValues.put("name", raw);
					shown.add(label + "：" + raw);
				}
				default -> {
					value = raw;
					stored = raw;
					shown.add(label + "：" + raw);
				}
			}
			customerValues.put(t.customerField(), stored);
			extractedValues.put(t.extractedKey(), value);
		}
		String group = changes.newGroup();
		Customer updated = lifecycle.setFields(group, ctx.actor(), customer, customerValues);
		boolean followUpFixed = false;
		if (last.isPresent()) {
			FollowUp f = last.get();
			Map<String, Object> before = new LinkedHashMap<>();
			before.put("extracted", f.extracted());
			Map<String, Object> extracted = new LinkedHashMap<>((f.extracted() != null) ? f.extracted() : Map.of());
			extracted.putAll(extractedValues);
			followUps.setExtracted(f.id(), extracted);
			changes.record(group, ctx.actor().id(), ChangeLog.Kind.FIX, FollowUp.COLLECTION, f.id(), before,
					customer.name());
			followUpFixed = true;
		}
		return ctx.say(followUpFixed ? "fix-done" : "fix-done-customer", Map.of("customer",
				(updated != null) ? updated.name() : customer.name(), "fields", String.join("\n", shown)));
	}

	/**
	 * The configured id of a label or id ("报价" → price_quote); unknown text as written.
	 */
	private static String code(List<CueLabel> labels, String raw) {
		return labels.stream()
			.filter((l) -> raw.equals(l.label()) || raw.equalsIgnoreCase(l.id()))
			.map(CueLabel::id)
			.findFirst()
			.orElse(raw);
	}

	private static String key(String s) {
		return s.toLowerCase(Locale.ROOT).replace("：", "").replace(":", "");
	}

}
