package com.crmbot.scoring;

import java.util.List;
import java.util.Map;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.Reply;
import com.crmbot.customer.Customer;

import org.springframework.stereotype.Component;

/** {@code /pool}: the key follow-up pool within what I may see, highest score first. */
@Component
class PoolCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("pool", Permission.USER);

	private final ScoringService scoring;

	private final ConfigService config;

	PoolCommand(ScoringService scoring, ConfigService config) {
		this.scoring = scoring;
		this.config = config;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<Customer> pool = scoring.pool(ctx.actor(), 20);
		if (pool.isEmpty()) {
			return ctx.say("pool-empty", Map.of("threshold", scoring.threshold()));
		}
		List<String> items = pool.stream()
			.map((c) -> ctx.text("pool-line",
					Map.of("score", c.score(), "customer", c.name(), "stage", (c.stage() != null) ? c.stage() : "—",
							"owner", config.get().user(c.ownerId()).map((u) -> u.name()).orElse("—"))))
			.toList();
		return List.of(ctx.list("pool",
				Map.of("count", scoring.poolSize(ctx.actor()), "threshold", scoring.threshold()), items));
	}

}
