package com.crmbot.chat;

import java.util.List;
import java.util.Map;

import com.crmbot.chat.Actor;
import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.Reply;
import com.crmbot.template.TemplateService;

/**
 * What a command runs with: who, the raw argument text, the message, and rendering.
 *
 * @param actor the user and role
 * @param name the command name as typed (may be an alias)
 * @param args everything after the command name, trimmed
 * @param message the inbound message
 * @param spec the command's declaration
 * @param templates reply templates
 */
public record CommandContext(Actor actor, String name, String args, ChatMessage message, CommandSpec spec,
		TemplateService templates) {

	/** Arguments split on whitespace; "double quoted" parts stay together. */
	public List<String> tokens() {
		return Args.split(args);
	}

	/** Render a reply template in the actor's language. */
	public String text(String key, Map<String, ?> vars) {
		return templates.reply(actor.locale(), key, vars);
	}

	/**
	 * A label template in the actor's language (a card's title and field labels, one
	 * {@code key=words} line each).
	 */
	public TemplateService.Labels labels(String key, Map<String, ?> vars) {
		return templates.labels(actor.locale(), key, vars);
	}

	/**
	 * A list as a card: its heading from a template, one item a line (already rendered),
	 * then optional closing lines (e.g. how to see more).
	 */
	public Reply list(String headingKey, Map<String, ?> vars, List<String> items, String... footer) {
		Reply.Builder card = Reply.card(text(headingKey, vars)).list(null, items);
		List<String> closing = java.util.Arrays.stream(footer).filter((f) -> f != null && !f.isBlank()).toList();
		return card.list(null, closing).build();
	}

	public Reply reply(String key, Map<String, ?> vars) {
		return Reply.text(text(key, vars));
	}

	public List<Reply> say(String key, Map<String, ?> vars) {
		return List.of(reply(key, vars));
	}

	/** This command's words (aliases, usage, help) in the actor's language. */
	public TemplateService.CommandWords words() {
		return templates.command(actor.locale(), spec.name());
	}

	/** {@code /name usage} in the actor's language. */
	public String synopsis() {
		return words().synopsis();
	}

	/** The standard answer for wrong arguments: this command's usage. */
	public List<Reply> usage() {
		TemplateService.CommandWords w = words();
		return say("usage", Map.of("synopsis", w.synopsis(), "summary", w.help()));
	}

}
