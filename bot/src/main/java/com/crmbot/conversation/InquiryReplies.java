package com.crmbot.conversation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.crmbot.chat.Actor;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.Reply;
import com.crmbot.customer.Customer;
import com.crmbot.followup.FollowUp;
import com.crmbot.inquiry.InquiryService;
import com.crmbot.inquiry.InquiryService.Filing;
import com.crmbot.inquiry.extract.ExtractedInquiry;
import com.crmbot.config.ObjectionRule;
import com.crmbot.template.TemplateService;

import org.springframework.stereotype.Component;

/** Files a rep's free text as an inquiry and says what was filed. */
@Component
class InquiryReplies {

	private final InquiryService inquiries;

	private final TemplateService templates;

	private final ConfigService config;

	InquiryReplies(InquiryService inquiries, TemplateService templates, ConfigService config) {
		this.inquiries = inquiries;
		this.templates = templates;
		this.config = config;
	}

	List<Reply> file(Actor actor, ChatMessage m) {
		Filing f = inquiries.file(m, actor.id(), actor.user().department(), FollowUp.Kind.INQUIRY, null);
		String locale = actor.locale();
		return switch (f.outcome()) {
			case NO_CUSTOMER -> List.of(Reply.text(templates.reply(locale, "inquiry-no-customer", Map.of())));
			case DUPLICATE -> List.of(Reply.text(templates.reply(locale, "inquiry-duplicate",
					Map.of("customer", (f.customer() != null) ? f.customer().name() : "?"))));
			case FILED -> List.of(Reply.text(templates.reply(locale, "inquiry-filed", vars(f, locale))));
		};
	}

	/**
	 * The variables of the inquiry templates (also used for customer-message notices).
	 */
	Map<String, Object> vars(Filing f, String locale) {
		ExtractedInquiry x = f.extracted();
		Customer c = f.customer();
		Map<String, Object> v = new HashMap<>();
		v.put("customer", c.name());
		v.put("status", templates.reply(locale, f.customerCreated() ? "inquiry-status-new" : "inquiry-status-existing",
				Map.of("owner", ownerName(c))));
		v.put("contact", dash(x.contact()));
		v.put("title", dash(x.title()));
		v.put("phone", (x.phone() != null) ? com.crmbot.text.Phones.readable(x.phone()) : "—");
		v.put("budget", (x.budgetCny() != null) ? com.crmbot.text.Money.format(x.budgetCny(), locale) : "—");
		v.put("need", dash(config.get().needLabel(x.needType())));
		v.put("region", dash(x.region()));
		v.put("industry", dash(config.get().industryLabel(x.industry())));
		List<ObjectionRule> rules = inquiries.responsesFor(x.objections());
		v.put("objections",
				rules.isEmpty() ? "—" : rules.stream().map(ObjectionRule::label).collect(Collectors.joining(", ")));
		v.put("responses",
				rules.isEmpty() ? ""
						: rules.stream()
							.map((r) -> templates.reply(locale, "objection-line",
									Map.of("objection", r.label(), "response", r.response())))
							.collect(Collectors.joining("\n")));
		return v;
	}

	private String ownerName(Customer c) {
		return config.get().user(c.ownerId()).map((u) -> u.name()).orElse("—");
	}

	private static String dash(Object v) {
		return (v != null) ? v.toString() : "—";
	}

}
