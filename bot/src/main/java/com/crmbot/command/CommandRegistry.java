package com.crmbot.command;

import com.crmbot.chat.Command;

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
import com.crmbot.template.TemplateService;
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

	private final Map<Command, List<String>> aliases = new HashMap<>();

	private final TemplateService templates;

	/**
	 * Registers each command under its name and its aliases in every language of the
	 * command catalogue (a user may type any of them).
	 */
	public CommandRegistry(List<Command> commands, TemplateService templates) {
		this.templates = templates;
		this.commands = commands.stream().sorted(Comparator.comparing((Command c) -> c.spec().name())).toList();
		for (Command c : this.commands) {
			register(c.spec().name(), c);
		}
		for (Command c : this.commands) {
			List<String> all = new ArrayList<>();
			for (String locale : templates.locales()) {
				for (String alias : templates.command(locale, c.spec().name()).aliases()) {
					boolean seen = key(alias).equals(key(c.spec().name()))
							|| all.stream().anyMatch((a) -> key(a).equals(key(alias)));
					if (!seen) {
						all.add(alias);
						register(alias, c);
					}
				}
			}
			aliases.put(c, List.copyOf(all));
		}
	}

	/** A command's words (aliases, usage, help) in a language. */
	public TemplateService.CommandWords words(Command c, String locale) {
		return templates.command(locale, c.spec().name());
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

	/**
	 * The command closest to what was typed: by meaning first (a declared synonym or
	 * alias inside the typed text, 审批单 → /approvals), then by spelling among names of the
	 * same script (Chinese against Chinese aliases, by shared characters; Latin against
	 * names, by edit distance). {@code /help} when nothing comes close.
	 */
	public Command nearest(String typed, AdminConfig config) {
		String t = key(typed);
		Command meaning = byMeaning(t);
		if (meaning != null) {
			return meaning;
		}
		if (t.codePoints().anyMatch((cp) -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)) {
			Command best = null;
			double bestScore = 0;
			for (Command c : commands) {
				List<String> words = new ArrayList<>(aliases.get(c));
				words.addAll(c.spec().synonyms());
				for (String w : words) {
					double s = overlap(t, key(w));
					if (s > bestScore) {
						best = c;
						bestScore = s;
					}
				}
			}
			return (best != null && bestScore >= 0.5) ? best : helpOrFirst();
		}
		return bySpelling(typed, config);
	}

	private Command byMeaning(String t) {
		for (Command c : commands) {
			if (c.spec().synonyms().stream().anyMatch((w) -> key(w).equals(t))) {
				return c;
			}
		}
		Command best = null;
		int bestLength = 0;
		for (Command c : commands) {
			List<String> words = new ArrayList<>(c.spec().synonyms());
			words.addAll(aliases.get(c));
			for (String w : words) {
				String k = key(w);
				boolean hit = k.equals(t) || (k.length() >= 2 && t.contains(k)) || (t.length() >= 2 && k.contains(t));
				if (hit && k.length() > bestLength) {
					best = c;
					bestLength = k.length();
				}
			}
		}
		return best;
	}

	/** Shared characters, relative to the longer word (Dice over characters). */
	private static double overlap(String a, String b) {
		if (a.isEmpty() || b.isEmpty()) {
			return 0;
		}
		java.util.Set<Integer> x = new java.util.HashSet<>(a.codePoints().boxed().toList());
		java.util.Set<Integer> y = new java.util.HashSet<>(b.codePoints().boxed().toList());
		long common = x.stream().filter(y::contains).count();
		return 2.0 * common / (x.size() + y.size());
	}

	private Command helpOrFirst() {
		Command help = byName.get("help");
		return (help != null) ? help : commands.get(0);
	}

	private Command bySpelling(String typed, AdminConfig config) {
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
			if (e.getKey()
				.codePoints()
				.anyMatch((cp) -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)) {
				continue;
			}
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
