package com.crmbot.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.crmbot.chat.Command;
import com.crmbot.command.CommandRegistry;
import com.crmbot.support.BotTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every reply template exists in both languages and renders; every command declares its
 * help.
 */
class TemplatesTest extends BotTestSupport {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

	@Autowired
	TemplateService templates;

	@Autowired
	CommandRegistry commands;

	@Test
	void everyReplyTemplateRendersInBothLanguages() throws Exception {
		assertThat(templates.replyKeys("zh-CN")).hasSizeGreaterThan(30);
		assertThat(templates.replyKeys("en")).containsExactlyInAnyOrderElementsOf(templates.replyKeys("zh-CN"));
		for (String locale : new String[] { "zh-CN", "en" }) {
			for (String key : templates.replyKeys(locale)) {
				String raw = Files.readString(Path.of("../templates/replies", locale, key + ".txt"));
				Map<String, Object> vars = new HashMap<>();
				Matcher m = PLACEHOLDER.matcher(raw);
				while (m.find()) {
					vars.put(m.group(1), "«" + m.group(1) + "»");
				}
				String out = templates.reply(locale, key, vars);
				assertThat(out).as(locale + "/" + key).isNotBlank().doesNotContain("${");
				vars.keySet().forEach((v) -> assertThat(out).contains("«" + v + "»"));
			}
		}
	}

	@Test
	void everySlashTemplateRendersWithAFullCustomer() throws Exception {
		assertThat(templates.slashTemplates()).contains("quote", "objection", "contract");
		for (String name : templates.slashTemplates()) {
			String raw = Files.readString(Path.of("../templates/tpl", name + ".txt"));
			Map<String, Object> vars = new HashMap<>();
			Matcher m = PLACEHOLDER.matcher(raw);
			while (m.find()) {
				vars.put(m.group(1), "x");
			}
			TemplateService.Rendered r = templates.slash(name, vars);
			assertThat(r.missing()).as(name).isEmpty();
			assertThat(r.text()).doesNotContain("${");
		}
	}

	@Test
	void everyCommandDeclaresItsHelp() {
		assertThat(commands.all()).extracting((c) -> c.spec().name())
			.contains("help", "new", "find", "log", "tpl", "whoami", "config");
		for (Command c : commands.all()) {
			assertThat(commands.words(c, "zh-CN").help()).as(c.spec().name()).isNotBlank();
			assertThat(commands.words(c, "en").help()).as(c.spec().name()).isNotBlank();
			assertThat(commands.words(c, "zh-CN").aliases()).as(c.spec().name() + " has a Chinese alias")
				.anyMatch((a) -> a.codePoints()
					.anyMatch((cp) -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN));
		}
	}

	@Test
	void aDuplicateCommandNameFailsAtStartup() {
		Command a = commands.all().get(0);
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> new CommandRegistry(java.util.List.of(a, a), templates))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("declared by both");
	}

}
