package com.crmbot.inquiry;

import com.crmbot.followup.FollowUp;
import com.crmbot.followup.FollowUpService;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.crmbot.chat.Args;
import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.connector.Reply;
import com.crmbot.customer.CustomerLookup;
import com.crmbot.customer.CustomerService;
import com.crmbot.inquiry.InquiryFiled;
import com.crmbot.inquiry.InquiryService;
import com.crmbot.inquiry.extract.ExtractedInquiry;
import com.crmbot.config.ObjectionRule;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * {@code /log <客户> <内容>}: add a follow-up note; objections in it get the recommended
 * response.
 */
@Component
class LogCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("log", Permission.USER);

	private final CustomerLookup lookup;

	private final CustomerService customers;

	private final FollowUpService followUps;

	private final InquiryService inquiries;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	LogCommand(CustomerLookup lookup, CustomerService customers, FollowUpService followUps, InquiryService inquiries,
			ApplicationEventPublisher events, Clock clock) {
		this.lookup = lookup;
		this.customers = customers;
		this.followUps = followUps;
		this.inquiries = inquiries;
		this.events = events;
		this.clock = clock;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<String> tokens = ctx.tokens();
		String note = Args.rest(ctx.args(), 1);
		if (tokens.size() < 2 || note.isBlank()) {
			return ctx.usage();
		}
		CustomerLookup.Result r = lookup.find(ctx, tokens.get(0));
		if (!r.found()) {
			return r.replies();
		}
		ExtractedInquiry x = inquiries.extract(note);
		FollowUp f = new FollowUp(null, r.customer().id(), FollowUp.Kind.NOTE, ctx.message().platform().id(),
				ctx.message().messageId(), ctx.actor().id(), note, InquiryService.asMap(x), x.objections(), null,
				clock.instant());
		FollowUpService.Saved saved = followUps.save(f);
		if (saved.created()) {
			customers.enrich(r.customer(), new CustomerService.NewCustomer(null, List.of(), null, null, null, null,
					null, null, null, null, null, null, null, null, null));
			events.publishEvent(new InquiryFiled(r.customer().id(), saved.followUp().id(), ctx.actor().id(), false));
		}
		List<ObjectionRule> rules = inquiries.responsesFor(x.objections());
		String responses = rules.stream()
			.map((o) -> ctx.text("objection-line", Map.of("objection", o.label(), "response", o.response())))
			.collect(Collectors.joining("\n"));
		return ctx.say("log-added", Map.of("customer", r.customer().name(), "count", followUps.count(r.customer().id()),
				"responses", responses));
	}

}
