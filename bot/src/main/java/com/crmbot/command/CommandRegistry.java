package com.crmbot.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigCheck;
import com.crmbot.config.ConfigErrors;
import com.crmbot.config.ConfigLoader;
import org.apache.commons.text.similarity.LevenshteinDistance;

import org.springframework.stereotype.Component;

/**
 * All commands by name and alias. Two commands claiming the same name or alias fail at
 * startup. Configured aliases (bot.yaml) are checked by {@link #aliasCheck()}.
 */
@Component
public class CommandRegistry {

	private final List<Command> commands;

	private final Map<String, Command> byName = new HashMap<>();

	public CommandRegistry(List<Command> commands) {
		this.commands = commands.stream().sorted(Comparator.comparing((Command c) -> c.spec().name())).toList();
		for (Command c : this.commands) {
			register(c.spec().name(), c);
			for (String alias : c.spec().aliases()) {
				register(alias, c);
			}
		}
	}

	private void register(String name, Command c) {
		Command previous = byName.putIfAbsent(key(name), c);
		if (previous != null) {
			throw new IllegalStateException("Command name or alias '" + name + "' is declared by both "
					+ previous.getClass().getSimpleName() + " and " + c.getClass().getSimpleName());
		}
	}

	public List<Command> all() {
		return commands;
	}

	/** Find by name, declared alias, or an alias configured in bot.yaml. */
	public Optional<Command> find(String name, AdminConfig config) {
		Command c = byName.get(key(name));
		if (c == null) {
			String target = config.bot().aliases().get(name);
			if (target != null) {
				c = byName.get(key(target));
			}
		}
		return Optional.ofNullable(c);
	}

	/** The command whose name or alias is closest to what was typed. */
	public Command nearest(String typed, AdminConfig config) {
		LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
		Command best = null;
		int bestScore = Integer.MAX_VALUE;
		List<Map.Entry<String, Command>> candidates = new ArrayList<>(byName.entrySet());
		config.bot().aliases().forEach((alias, target) -> {
			Command c = byName.get(key(target));
			if (c != null) {
				candidates.add(Map.entry(key(alias), c));
			}
		});
		String t = key(typed);
		for (Map.Entry<String, Command> e : candidates) {
			int d = distance.apply(t, e.getKey());
			if (e.getKey().startsWith(t) || t.startsWith(e.getKey())) {
				d = Math.min(d, 1);
			}
			if (d < bestScore || (d == bestScore && e.getValue().spec().name().compareTo(best.spec().name()) < 0)) {
				best = e.getValue();
				bestScore = d;
			}
		}
		return best;
	}

	/** Validation of configured aliases, run at startup and on reload. */
	@Component
	static class AliasCheck implements ConfigCheck {

		private final CommandRegistry r;

		AliasCheck(CommandRegistry registry) {
			this.r = registry;
		}

		@Override
		public void check(AdminConfig config, ConfigErrors errors) {
			config.bot().aliases().forEach((alias, target) -> {
				if (!r.byName.containsKey(key(target))) {
					errors.add(ConfigLoader.BOT, "aliases." + alias, "unknown command '" + target + "'");
				}
				else if (r.byName.containsKey(key(alias)) && r.byName.get(key(alias)) != r.byName.get(key(target))) {
					errors.add(ConfigLoader.BOT, "aliases." + alias,
							"'" + alias + "' is already the name of /" + r.byName.get(key(alias)).spec().name());
				}
			});
		}

	}

	private static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

}
