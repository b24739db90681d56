package com.crmbot.conversation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.crmbot.access.AccessPolicy;
import com.crmbot.chat.Actor;
import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.command.CommandRegistry;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.Reply;
import com.crmbot.template.TemplateService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/** Finds the command, checks the permission its declaration asks for, runs it. */
@Component
class CommandDispatcher {

	private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

	private final CommandRegistry registry;

	private final ConfigService config;

	private final AccessPolicy access;

	private final TemplateService templates;

	CommandDispatcher(CommandRegistry registry, ConfigService config, AccessPolicy access, TemplateService templates) {
		this.registry = registry;
		this.config = config;
		this.access = access;
		this.templates = templates;
	}

	/**
	 * @param body the text after the leading slash
	 */
	List<Reply> dispatch(Actor actor, ChatMessage m, String body) {
		AdminConfig cfg = config.get();
		String trimmed = body.strip();
		int space = 0;
		while (space < trimmed.length() && !Character.isWhitespace(trimmed.charAt(space))
				&& trimmed.charAt(space) != '\u3000') {
			space++;
		}
		String name = trimmed.substring(0, space);
		String args = trimmed.substring(space).strip();
		Optional<Command> command = registry.find(name, cfg);
		if (command.isEmpty()) {
			// "/新建苏州..." without a space: the longest name or alias the text starts with
			for (int i = name.length() - 1; i > 0 && command.isEmpty(); i--) {
				command = registry.find(name.substring(0, i), cfg);
				if (command.isPresent()) {
					args = (name.substring(i) + " " + args).strip();
					name = name.substring(0, i);
				}
			}
		}
		if (command.isEmpty()) {
			log.info("inbound platform={} msg={} user={} kind=command name=? (unknown)", m.platform().id(),
					m.messageId(), actor.id());
			if (name.isEmpty()) {
				return menu(actor, cfg);
			}
			TemplateService.CommandWords near = registry.words(registry.nearest(name, cfg), actor.locale());
			return say(actor, "unknown-command",
					Map.of("typed", "/" + name, "synopsis", near.synopsis(), "summary", near.help()));
		}
		Command c = command.get();
		log.info("inbound platform={} msg={} user={} kind=command name={}", m.platform().id(), m.messageId(),
				actor.id(), c.spec().name());
		boolean allowed = switch (c.spec().permission()) {
			case USER -> true;
			case SUPERVISOR -> actor.isSupervisor(cfg.org());
			case EXPORT -> access.canExport(actor);
			case ADMIN -> actor.isAdmin();
		};
		if (!allowed) {
			access.logDenied(actor, "/" + c.spec().name());
			return say(actor, "denied", Map.of("command", "/" + c.spec().name(), "role", actor.role().name()));
		}
		return c.run(new CommandContext(actor, name, args, m, c.spec(), templates));
	}

	/** Common commands the "/" menu offers, in this order. */
	private static final List<String> MENU = List.of("new", "find", "log", "list", "history", "task", "tasks", "fix",
			"undo", "tpl", "help");

	/** "/" alone: the quick templates and the common commands (the handbook's menu). */
	private List<Reply> menu(Actor actor, AdminConfig cfg) {
		String locale = actor.locale();
		String tpls = templates.slashTemplateNames(locale)
			.entrySet()
			.stream()
			.map((e) -> templates.reply(locale, "slash-menu-template",
					Map.of("label", e.getValue().get(0), "name", e.getKey())))
			.collect(java.util.stream.Collectors.joining("\n"));
		String cmds = MENU.stream().map((n) -> registry.find(n, cfg)).flatMap(Optional::stream).map((c) -> {
			TemplateService.CommandWords words = registry.words(c, locale);
			String shown = words.aliases().isEmpty() ? c.spec().name() : words.aliases().get(0);
			return templates.reply(locale, "slash-menu-command",
					Map.of("command", "/" + shown, "summary", words.help()));
		}).collect(java.util.stream.Collectors.joining("\n"));
		return List.of(Reply.text(templates.reply(locale, "slash-menu", Map.of("templates", tpls, "commands", cmds))));
	}

	private List<Reply> say(Actor actor, String key, Map<String, ?> vars) {
		return List.of(Reply.text(templates.reply(actor.locale(), key, vars)));
	}

}
