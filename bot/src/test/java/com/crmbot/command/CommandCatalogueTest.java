package com.crmbot.command;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.crmbot.chat.Command;
import com.crmbot.config.ConfigService;
import com.crmbot.support.BotTestSupport;
import com.crmbot.template.TemplateService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command catalogue ({@code templates/replies/<locale>/commands.txt}) holds every
 * registered command's words in every language, and no word a user types names two
 * commands.
 */
class CommandCatalogueTest extends BotTestSupport {

	@Autowired
	TemplateService templates;

	@Autowired
	CommandRegistry commands;

	@Autowired
	ConfigService config;

	@Test
	void everyCommandHasACompleteEntryInEveryLanguage() {
		assertThat(templates.locales()).contains("zh-CN", "en");
		Set<String> names = new TreeSet<>();
		commands.all().forEach((c) -> names.add(c.spec().name()));
		assertThat(names).hasSizeGreaterThan(40);
		for (String locale : templates.locales()) {
			Map<String, String> catalogue = templates.catalogue(locale);
			for (String name : names) {
				for (String part : new String[] { "aliases", "usage", "help" }) {
					assertThat(catalogue).as(locale + " " + name + "." + part).containsKey(name + "." + part);
				}
				assertThat(catalogue.get(name + ".help")).as(locale + " " + name + ".help").isNotBlank();
			}
			Set<String> described = new TreeSet<>();
			catalogue.keySet().forEach((k) -> described.add(k.substring(0, k.lastIndexOf('.'))));
			assertThat(described).as(locale + ": entries of commands that do not exist").isEqualTo(names);
		}
	}

	@Test
	void noAliasNamesTwoCommands() {
		Map<String, String> owner = new HashMap<>();
		commands.all().forEach((c) -> owner.put(c.spec().name().toLowerCase(Locale.ROOT), c.spec().name()));
		for (String locale : templates.locales()) {
			for (Command c : commands.all()) {
				for (String alias : templates.command(locale, c.spec().name()).aliases()) {
					String previous = owner.putIfAbsent(alias.toLowerCase(Locale.ROOT), c.spec().name());
					assertThat(previous).as(locale + " alias " + alias).isIn(null, c.spec().name());
				}
			}
		}
	}

	@Test
	void aliasesOfEveryLanguageFindTheirCommand() {
		for (String locale : templates.locales()) {
			for (Command c : commands.all()) {
				for (String alias : templates.command(locale, c.spec().name()).aliases()) {
					assertThat(commands.find(alias, config.get())).as(alias).containsSame(c);
				}
			}
		}
	}

}
