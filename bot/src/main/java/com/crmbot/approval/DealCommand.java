package com.crmbot.approval;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.Reply;
import com.crmbot.customer.CustomerLookup;
import com.crmbot.pipeline.LegalReviews;

import org.springframework.stereotype.Component;

/**
 * {@code /deal <客户> <金额>}: record a deal amount; above a configured threshold it needs
 * approval.
 */
@Component
class DealCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("deal", Permission.USER);

	private final ApprovalService approvals;

	private final CustomerLookup customers;

	private final ConfigService config;

	private final LegalReviews legal;

	DealCommand(ApprovalService approvals, CustomerLookup customers, ConfigService config, LegalReviews legal) {
		this.legal = legal;
		this.approvals = approvals;
		this.customers = customers;
		this.config = config;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<String> tokens = ctx.tokens();
		if (tokens.size() != 2) {
			return ctx.usage();
		}
		OptionalLong amount = Amounts.parse(tokens.get(1));
		if (amount.isEmpty()) {
			return ctx.say("deal-bad-amount", Map.of("amount", tokens.get(1)));
		}
		CustomerLookup.Result c = customers.find(ctx, tokens.get(0));
		if (!c.found()) {
			return c.replies();
		}
		// 签约 waits for the legal approval when a legal review gates the won stage
		String won = config.get().customers().funnel().won();
		Optional<String> waiting = legal.gateClosed(c.customer().id(), won, config.get());
		if (waiting.isPresent()) {
			return ctx.say("legal-waiting",
					Map.of("customer", c.customer().name(), "stage", won, "status", ctx.text(waiting.get(), Map.of())));
		}
		ApprovalService.Recorded r = approvals.record(c.customer().id(), c.customer().name(), ctx.actor().id(),
				amount.getAsLong(), "msg:" + ctx.message().platform().id() + ":" + ctx.message().messageId());
		if (r.approval() == null) {
			return ctx.say("deal-recorded",
					Map.of("customer", c.customer().name(), "amount", ApprovalService.money(r.deal().amount())));
		}
		AdminConfig cfg = config.get();
		String chain = r.approval()
			.approvers()
			.stream()
			.map((id) -> cfg.user(id).map((u) -> u.name()).orElse(id))
			.collect(Collectors.joining(" → "));
		return ctx.say("deal-pending", Map.of("customer", c.customer().name(), "amount",
				ApprovalService.money(r.deal().amount()), "id", r.approval().id(), "chain", chain));
	}

}
