package com.crmbot.scoring;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.connector.Reply;
import com.crmbot.customer.Customer;
import com.crmbot.customer.CustomerLookup;

import org.springframework.stereotype.Component;

/** {@code /score <客户>}: the customer's lead score, rule by rule. */
@Component
class ScoreCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("score", Permission.USER);

	private final CustomerLookup lookup;

	private final ScoringService scoring;

	ScoreCommand(CustomerLookup lookup, ScoringService scoring) {
		this.lookup = lookup;
		this.scoring = scoring;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		return lookup.onCustomer(ctx, (c) -> explain(ctx, c));
	}

	private List<Reply> explain(CommandContext ctx, Customer c) {
		int stored = scoring.rescore(c.id());
		ScoringService.Breakdown b = scoring.explain(c);
		String lines = b.lines()
			.stream()
			.map((l) -> ctx.text(l.holds() ? "score-line-hit" : "score-line-miss",
					Map.of("label", (l.rule().label() != null) ? l.rule().label() : l.rule().id(), "points",
							(l.rule().points() > 0 ? "+" : "") + l.rule().points(), "when", l.rule().when())))
			.collect(Collectors.joining("\n"));
		return ctx.say("score",
				Map.of("customer", c.name(), "lines", lines, "total", stored, "threshold", b.threshold(), "pool",
						ctx.text(stored >= b.threshold() ? "score-in-pool" : "score-not-in-pool", Map.of())));
	}

}
