package com.crmbot.conversation;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.crmbot.access.Actor;
import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.Reply;
import com.crmbot.customer.Customer;
import com.crmbot.customer.CustomerService;
import com.crmbot.followup.FollowUp;
import com.crmbot.followup.FollowUpService;
import com.crmbot.template.TemplateService;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Images, voice, files, locations and links from a rep: filed as a follow-up with the
 * media reference, on the customer the rep last worked on today (if any).
 */
@Component
class MediaFiling {

	private static final Duration RECENT = Duration.ofHours(12);

	private final FollowUpService followUps;

	private final CustomerService customers;

	private final MongoTemplate mongo;

	private final TemplateService templates;

	private final Clock clock;

	MediaFiling(FollowUpService followUps, CustomerService customers, MongoTemplate mongo, TemplateService templates,
			Clock clock) {
		this.followUps = followUps;
		this.customers = customers;
		this.mongo = mongo;
		this.templates = templates;
		this.clock = clock;
	}

	List<Reply> file(ChatMessage m, Actor actor) {
		FollowUp last = mongo.findOne(
				Query
					.query(Criteria.where("authorId")
						.is(m.senderId())
						.and("platform")
						.is(m.platform().id())
						.and("customerId")
						.ne(null)
						.and("at")
						.gte(clock.instant().minus(RECENT)))
					.with(Sort.by(Sort.Direction.DESC, "at")),
				FollowUp.class);
		Customer customer = (last != null) ? customers.byId(last.customerId()).orElse(null) : null;
		FollowUp f = new FollowUp(null, (customer != null) ? customer.id() : null, FollowUp.Kind.MEDIA,
				m.platform().id(), m.messageId(), m.senderId(), m.text(), null, List.of(), m.attachment(),
				clock.instant());
		followUps.save(f);
		String type = m.type().name().toLowerCase(java.util.Locale.ROOT);
		return List.of(Reply
			.text(templates.reply(actor.locale(), (customer != null) ? "media-filed" : "media-filed-unassigned",
					Map.of("type", type, "customer", (customer != null) ? customer.name() : ""))));
	}

}
