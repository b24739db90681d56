package com.crmbot.followup;

import com.crmbot.customer.CustomerLifecycle;
import com.crmbot.customer.ChangeLog;

import com.crmbot.customer.Customer;
import com.crmbot.customer.CustomerService;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.crmbot.chat.Actor;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.ChatEvent;
import com.crmbot.connector.Reply;
import com.crmbot.chat.BotEventHandler;
import com.crmbot.followup.FollowUp;
import com.crmbot.followup.FollowUpService;
import com.crmbot.template.TemplateService;
import com.crmbot.text.Phones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * A rep added, edited or removed an external contact (WeCom 客户联系): the customer is
 * created or updated as a lead owned by that rep, matched by external user id, then
 * phone, then company. Repeated events change nothing twice.
 */
@Component
class ContactEvents implements BotEventHandler {

	private static final Logger log = LoggerFactory.getLogger(ContactEvents.class);

	private final CustomerService customers;

	private final FollowUpService followUps;

	private final MongoTemplate mongo;

	private final ConfigService config;

	private final TemplateService templates;

	private final Clock clock;

	private final CustomerLifecycle lifecycle;

	private final ChangeLog changeLog;

	ContactEvents(CustomerService customers, FollowUpService followUps, MongoTemplate mongo, ConfigService config,
			TemplateService templates, Clock clock, CustomerLifecycle lifecycle, ChangeLog changeLog) {
		this.lifecycle = lifecycle;
		this.changeLog = changeLog;
		this.customers = customers;
		this.followUps = followUps;
		this.mongo = mongo;
		this.config = config;
		this.templates = templates;
		this.clock = clock;
	}

	@Override
	public boolean supports(ChatEvent event) {
		return ChatEvent.CONTACT_CHANGED.equals(event.type());
	}

	@Override
	public List<Reply> handle(ChatEvent event, Optional<Actor> actor) {
		Map<String, String> a = event.attributes();
		String external = a.get("externalUserId");
		String change = a.getOrDefault("changeType", "");
		if (external == null || actor.isEmpty()) {
			log.info("contact event {} ignored: no external user id or unknown rep", event.eventId());
			return List.of();
		}
		Actor rep = actor.get();
		String locale = rep.locale();
		if (change.startsWith("del")) {
			Optional<Customer> c = customers.byExternalUserId(external);
			c.ifPresent((cu) -> {
				mongo.updateFirst(Query.query(Criteria.where("_id").is(cu.id())),
						new Update().set("fields.wecomContact", change), Customer.class);
				followUps.save(new FollowUp(null, cu.id(), FollowUp.Kind.SYSTEM, event.platform().id(), event.eventId(),
						rep.id(), change, null, List.of(), null, clock.instant()));
			});
			return c
				.map((cu) -> List
					.of(Reply.text(templates.reply(locale, "contact-removed", Map.of("customer", cu.name())))))
				.orElse(List.of());
		}
		List<String> phones = new ArrayList<>();
		if (a.get("mobiles") != null) {
			Arrays.stream(a.get("mobiles").split(","))
				.map(Phones::normalize)
				.flatMap(Optional::stream)
				.filter((p) -> !phones.contains(p))
				.forEach(phones::add);
		}
		String company = firstNonBlank(a.get("remarkCorpName"), a.get("corpName"));
		String name = firstNonBlank(a.get("remark"), a.get("name"));
		CustomerService.NewCustomer facts = new CustomerService.NewCustomer(company, phones, name, a.get("position"),
				null, null, null, null, null, rep.id(), rep.user().department(),
				config.get().customers().stages().get(0).id(), null, "wecom-contact", external);
		Customer c = customers.byExternalUserId(external).orElse(null);
		boolean created = false;
		if (c == null) {
			CustomerService.Created r = customers.createOrGet(facts);
			c = r.customer();
			created = r.created();
			if (!created && c.externalUserId() == null) {
				mongo.updateFirst(Query.query(Criteria.where("_id").is(c.id()).and("externalUserId").exists(false)),
						new Update().set("externalUserId", external), Customer.class);
			}
		}
		String key = created ? "contact-created" : "contact-updated";
		if (!created) {
			if (change.startsWith("add") && unclaimed(c, rep)) {
				// a customer who wrote to 微信客服 before: the rep who adds them owns the
				// lead
				lifecycle.transfer(rep, List.of(c), rep.user());
				history(event, rep, c, templates.reply(locale, "contact-claimed-history",
						Map.of("rep", rep.user().name(), "before", ownerName(c.ownerId()))));
				key = "contact-claimed";
			}
			else if (change.startsWith("edit")) {
				List<String> changed = applyEdits(rep, c, name, a.get("position"), locale);
				if (!changed.isEmpty()) {
					history(event, rep, c, templates.reply(locale, "contact-edited-history",
							Map.of("changes", String.join("；", changed))));
				}
			}
			c = customers.enrich(customers.byId(c.id()).orElse(c), facts);
		}
		log.info("contact event {} {}: customer {} ({})", event.eventId(), change, c.id(),
				created ? "created" : "updated");
		return List.of(Reply.text(templates.reply(locale, key, Map.of("customer", c.name()))));
	}

	/**
	 * A lead nobody owns yet: created from the customer's own messages and still with the
	 * default notify user.
	 */
	private boolean unclaimed(Customer c, Actor rep) {
		String fallback = config.get().bot().defaultNotifyUser();
		return "customer-message".equals(c.source()) && !rep.id().equals(c.ownerId())
				&& (c.ownerId() == null || c.ownerId().equals(fallback) || config.get().user(c.ownerId()).isEmpty());
	}

	/**
	 * Overwrite the contact's name and position where WeCom now says something else;
	 * returns the changes as readable lines (undoable with /undo by the rep).
	 */
	private List<String> applyEdits(Actor rep, Customer c, String name, String position, String locale) {
		Map<String, Object> values = new java.util.LinkedHashMap<>();
		List<String> lines = new ArrayList<>();
		if (name != null && !name.isBlank() && c.contact() != null && !name.equals(c.contact())) {
			values.put("contact", name);
			lines.add(
					templates.reply(locale, "contact-edited-contact", Map.of("from", c.contact(), "to", name)).strip());
		}
		if (position != null && !position.isBlank() && c.title() != null && !position.equals(c.title())) {
			values.put("title", position);
			lines.add(
					templates.reply(locale, "contact-edited-title", Map.of("from", c.title(), "to", position)).strip());
		}
		if (!values.isEmpty()) {
			lifecycle.setFields(changeLog.newGroup(), rep, c, values);
		}
		return lines;
	}

	private void history(ChatEvent event, Actor rep, Customer c, String text) {
		followUps.save(new FollowUp(null, c.id(), FollowUp.Kind.SYSTEM, event.platform().id(), event.eventId(),
				rep.id(), text.strip(), null, List.of(), null, clock.instant()));
	}

	private String ownerName(String userId) {
		return (userId == null) ? "—" : config.get().user(userId).map((u) -> u.name()).orElse(userId);
	}

	private static String firstNonBlank(String a, String b) {
		return (a != null && !a.isBlank()) ? a : ((b != null && !b.isBlank()) ? b : null);
	}

}
