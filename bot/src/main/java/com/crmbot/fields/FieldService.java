package com.crmbot.fields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.crmbot.access.AccessPolicy;
import com.crmbot.chat.Actor;
import com.crmbot.config.ConfigService;
import com.crmbot.config.CustomerConfig;
import com.crmbot.config.CustomerConfig.Field;
import com.crmbot.customer.Customer;
import com.crmbot.config.CueLabel;
import com.crmbot.template.TemplateService;
import com.crmbot.text.Lexicon;
import com.crmbot.text.Phones;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Writes customer fields and tags, validated against customers.yaml on every write
 * (types, allowed values, the customer's industry fields, the role's hidden fields), then
 * announces the change ({@link CustomerFieldsChanged}; scoring rescores on it).
 */
@Service
public class FieldService {

	private final MongoTemplate mongo;

	private final ConfigService config;

	private final AccessPolicy access;

	/** What marks a tag to remove: a minus, half- or full-width. */
	@Lexicon("tag removal marks")
	private static final List<String> REMOVE_MARKS = List.of("-", "－");

	private final ApplicationEventPublisher events;

	private final TemplateService templates;

	FieldService(MongoTemplate mongo, ConfigService config, AccessPolicy access, ApplicationEventPublisher events,
			TemplateService templates) {
		this.mongo = mongo;
		this.config = config;
		this.access = access;
		this.events = events;
		this.templates = templates;
	}

	private String words(Actor actor, String key) {
		return templates.reply(actor.locale(), key, Map.of());
	}

	/** Items joined the way the actor's language lists them (甲、乙 / a, b). */
	private String join(Actor actor, List<String> items) {
		return items.stream()
			.reduce((a, b) -> templates.reply(actor.locale(), "list-join", Map.of("a", a, "b", b)))
			.orElse("");
	}

	/** The fields a customer has: core ones plus its industry's. */
	public List<Field> fieldsOf(Customer c) {
		CustomerConfig cc = config.get().customers();
		List<Field> all = new ArrayList<>(cc.coreFields());
		if (c.industry() != null) {
			all.addAll(cc.industryFields().getOrDefault(c.industry(), List.of()));
		}
		return all;
	}

	/** Set one field; returns the error for the user, or empty when done. */
	public Optional<String> set(Actor actor, Customer c, String fieldRef, String raw) {
		CustomerConfig cc = config.get().customers();
		Optional<Field> field = cc.field(fieldRef, c.industry());
		if (field.isEmpty()) {
			String known = join(actor, fieldsOf(c).stream().map((f) -> f.label() + "(" + f.id() + ")").toList());
			return Optional.of(templates.reply(actor.locale(), "field-unknown",
					Map.of("customer", c.name(), "field", fieldRef, "known", known.isEmpty() ? "—" : known)));
		}
		Field f = field.get();
		if (access.isHidden(actor, f.id())) {
			access.logDenied(actor, "/set " + f.id());
			return Optional.of(templates.reply(actor.locale(), "field-hidden", Map.of("field", f.label())));
		}
		Update u = new Update();
		if (f.id().equals("decisionMakers")) {
			Map<String, Object> person = person(raw);
			if (person == null) {
				return Optional.of(templates.reply(actor.locale(), "field-person-format", Map.of()));
			}
			u.push("fields.decisionMakers", person).set("decisionMaker", Boolean.TRUE);
		}
		else {
			FieldValues.Checked v = FieldValues.check(f, raw);
			if (!v.ok()) {
				return Optional.of(templates.reply(actor.locale(), v.error(), v.vars()));
			}
			switch (f.id()) {
				case "phone" -> {
					String p = (String) v.value();
					Customer other = mongo.findOne(Query.query(Criteria.where("phones").is(p)), Customer.class);
					if (other != null && !other.id().equals(c.id())) {
						return Optional
							.of(templates.reply(actor.locale(), "field-phone-taken", Map.of("phone", Phones.mask(p))));
					}
					u.addToSet("phones", p);
				}
				case "industry" -> u.set("industry", industry((String) v.value()));
				default -> u.set(path(f.id()), v.value());
			}
		}
		write(c, u);
		return Optional.empty();
	}

	/**
	 * Add (or with a leading '-' remove) tags; returns the error for the user, or empty.
	 */
	public Optional<String> tag(Customer c, List<String> changes, String locale) {
		CustomerConfig cc = config.get().customers();
		List<String> add = new ArrayList<>();
		List<String> remove = new ArrayList<>();
		for (String t : changes) {
			if (REMOVE_MARKS.stream().anyMatch(t::startsWith)) {
				remove.add(t.substring(1));
			}
			else {
				add.add(t);
			}
		}
		List<String> tags;
		try {
			tags = TagRules.add(cc, c.tags(), add);
		}
		catch (TagRules.Rejected ex) {
			return Optional.of(templates.reply(locale, ex.key(), ex.vars()));
		}
		tags.removeIf((t) -> remove.stream().anyMatch(t::equalsIgnoreCase));
		write(c, new Update().set("tags", tags));
		return Optional.empty();
	}

	/**
	 * The customer's field values as label → text, without the fields hidden from the
	 * actor.
	 */
	public Map<String, String> view(Actor actor, Customer c) {
		Map<String, String> out = new LinkedHashMap<>();
		for (Field f : fieldsOf(c)) {
			if (access.isHidden(actor, f.id())) {
				continue;
			}
			Object v = value(c, f.id());
			if (v instanceof List<?> list) {
				v = list.isEmpty() ? null : join(actor, list.stream().map(FieldService::personText).toList());
			}
			if (v instanceof Boolean b) {
				v = words(actor, b ? "yes" : "no");
			}
			out.put(f.label(), (v != null) ? display(f.id(), v) : "—");
		}
		return out;
	}

	/**
	 * What a reader sees: the configured labels instead of the stored codes (行业：制造业, not
	 * manufacturing).
	 */
	private String display(String id, Object v) {
		return switch (id) {
			case "industry" -> config.get().industryLabel(v.toString());
			case "need" -> config.get().needLabel(v.toString());
			case "budget",
					"dealAmount" ->
				(v instanceof Number n) ? templates
					.labels(TemplateService.DEFAULT_LOCALE, "money", com.crmbot.text.Money.vars(n.longValue()))
					.get(com.crmbot.text.Money.unit(n.longValue())) : v.toString();
			case "phone" -> java.util.Arrays.stream(v.toString().split(", "))
				.map(com.crmbot.text.Phones::readable)
				.collect(java.util.stream.Collectors.joining(", "));
			default -> v.toString();
		};
	}

	private static String personText(Object o) {
		if (o instanceof Map<?, ?> m) {
			List<String> parts = new ArrayList<>();
			for (String k : List.of("name", "title", "contact")) {
				if (m.get(k) != null) {
					parts.add(m.get(k).toString());
				}
			}
			return String.join(" ", parts);
		}
		return String.valueOf(o);
	}

	static Object value(Customer c, String id) {
		return switch (id) {
			case "name" -> c.name();
			case "industry" -> c.industry();
			case "region" -> c.region();
			case "contact" -> c.contact();
			case "title" -> c.title();
			case "phone" -> c.phones() != null ? String.join(", ", c.phones()) : null;
			case "budget" -> c.budgetCny();
			case "need" -> c.needType();
			case "dealAmount" -> c.dealAmount();
			case "decisionMaker" -> c.decisionMaker();
			default -> c.fields().get(id);
		};
	}

	private static String path(String id) {
		return switch (id) {
			case "name", "industry", "region", "contact", "title", "dealAmount", "decisionMaker" -> id;
			case "budget" -> "budgetCny";
			case "need" -> "needType";
			default -> "fields." + id;
		};
	}

	private String industry(String raw) {
		for (CueLabel c : config.get().inquiry().industries()) {
			if (c.id().equalsIgnoreCase(raw) || raw.equals(c.label())) {
				return c.id();
			}
		}
		return raw;
	}

	/** "王建国 总经理 13812345678": name, title, contact (a phone is normalized). */
	private static Map<String, Object> person(String raw) {
		String s = FieldValues.clean(raw);
		if (s == null) {
			return null;
		}
		String[] parts = s.split(" ");
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("name", parts[0]);
		for (int i = 1; i < parts.length; i++) {
			Optional<String> phone = Phones.normalize(parts[i]);
			if (phone.isPresent()) {
				p.put("contact", phone.get());
			}
			else if (!p.containsKey("title")) {
				p.put("title", parts[i]);
			}
			else {
				p.put("contact", parts[i]);
			}
		}
		return p;
	}

	private void write(Customer c, Update u) {
		mongo.findAndModify(Query.query(Criteria.where("_id").is(c.id())), u.inc("version", 1),
				FindAndModifyOptions.options().returnNew(true), Customer.class);
		events.publishEvent(new CustomerFieldsChanged(c.id()));
	}

}
