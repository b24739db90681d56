package com.crmbot.admin;

import com.crmbot.chat.Actor;

import java.util.List;
import java.util.Map;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.Reply;

import org.springframework.stereotype.Component;

/** {@code /whoami}: who the bot thinks you are and what you may do. */
@Component
class WhoamiCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("whoami", Permission.USER);

	private final ConfigService config;

	WhoamiCommand(ConfigService config) {
		this.config = config;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		Actor a = ctx.actor();
		String dept = config.get().department(a.user().department()).map((d) -> d.name()).orElse(a.user().department());
		String scope = ctx.text("scope-" + a.role().visibility().name().toLowerCase(java.util.Locale.ROOT),
				Map.of("days", (a.role().recentDays() != null) ? a.role().recentDays() : ""));
		if (a.role().recentDays() != null) {
			scope = scope + " " + ctx.text("scope-recent", Map.of("days", a.role().recentDays()));
		}
		return ctx.say("whoami",
				Map.of("name", a.user().name(), "id", a.id(), "role", a.role().name(), "department", dept, "scope",
						scope, "export", ctx.text(a.role().canExport() ? "yes" : "no", Map.of()), "platform",
						ctx.message().platform().id()));
	}

}
