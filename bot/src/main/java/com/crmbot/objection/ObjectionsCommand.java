package com.crmbot.objection;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.Reply;

import org.springframework.stereotype.Component;

/**
 * {@code /objections}: the objection library from inquiry.yaml with each recommended
 * response.
 */
@Component
class ObjectionsCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("objections", Permission.USER);

	private final ConfigService config;

	ObjectionsCommand(ConfigService config) {
		this.config = config;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		String items = config.get()
			.inquiry()
			.objections()
			.stream()
			.map((o) -> ctx.text("objections-line",
					Map.of("label", (o.label() != null) ? o.label() : o.id(), "id", o.id(), "cues",
							String.join("、", o.cues()), "response", o.response())))
			.collect(Collectors.joining("\n\n"));
		return ctx.say("objections", Map.of("items", items.isEmpty() ? "—" : items));
	}

}
