package com.crmbot.followup;

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

	ContactEvents(CustomerService customers, FollowUpService followUps, MongoTemplate mongo, ConfigService config,
			TemplateService templates, Clock clock) {
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
		if (!created) {
			c = customers.enrich(c, facts);
		}
		log.info("contact event {} {}: customer {} ({})", event.eventId(), change, c.id(),
				created ? "created" : "updated");
		return List.of(Reply.text(templates.reply(locale, created ? "contact-created" : "contact-updated",
				Map.of("customer", c.name()))));
	}

	private static String firstNonBlank(String a, String b) {
		return (a != null && !a.isBlank()) ? a : ((b != null && !b.isBlank()) ? b : null);
	}

}
