package com.crmbot.care;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.Reply;

import org.springframework.stereotype.Component;

/** {@code /dormant}: the dormant customers the user may see, with the rules that hold. */
@Component
class DormantCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("dormant", Permission.USER);

	private static final int LIMIT = 50;

	private final DormancyService dormancy;

	private final ConfigService config;

	private final Clock clock;

	DormantCommand(DormancyService dormancy, ConfigService config, Clock clock) {
		this.dormancy = dormancy;
		this.config = config;
		this.clock = clock;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<DormancyService.Dormant> all = dormancy.visibleTo(ctx.actor(), Integer.MAX_VALUE);
		if (all.isEmpty()) {
			return ctx.say("dormant-none", Map.of());
		}
		StringBuilder sb = new StringBuilder();
		for (DormancyService.Dormant d : all.subList(0, Math.min(LIMIT, all.size()))) {
			String owner = config.get().user(d.ownerId()).map((u) -> u.name()).orElse(d.ownerId());
			long days = Duration.between(d.since(), clock.instant()).toDays();
			sb.append(ctx.text("dormant-line", Map.of("customer", d.name(), "reasons", String.join("、", d.reasons()),
					"owner", owner, "days", days)))
				.append('\n');
		}
		return ctx.say("dormant-list",
				Map.of("count", all.size(), "shown", Math.min(LIMIT, all.size()), "customers", sb.toString().strip()));
	}

}
