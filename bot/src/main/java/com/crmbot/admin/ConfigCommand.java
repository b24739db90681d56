package com.crmbot.admin;

import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigError;
import com.crmbot.config.ConfigService;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.connector.Reply;
import com.crmbot.text.Lexicon;

import org.springframework.stereotype.Component;

/**
 * {@code /config reload}: validate the changed files and switch to them, or keep the
 * running ones.
 */
@Component
class ConfigCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("config", Permission.ADMIN);

	@Lexicon("the word for reloading")
	private static final List<String> RELOAD = List.of("reload", "重载", "重新加载");

	private final ConfigService config;

	ConfigCommand(ConfigService config) {
		this.config = config;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		if (!RELOAD.contains(ctx.args())) {
			return ctx.usage();
		}
		List<ConfigError> errors = config.reload();
		if (errors.isEmpty()) {
			AdminConfig c = config.get();
			return ctx.say("config-reloaded", Map.of("users", c.org().users().size(), "roles", c.org().roles().size()));
		}
		return ctx.say("config-errors",
				Map.of("errors", errors.stream().map((e) -> "• " + e).collect(Collectors.joining("\n"))));
	}

}
