package com.crmbot.conversation;

import com.crmbot.chat.BotEventHandler;
import com.crmbot.chat.MessageHandlerExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.crmbot.chat.Actor;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.connector.ChatEvent;
import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.InboundMessageHandler;
import com.crmbot.connector.MessageType;
import com.crmbot.connector.Reply;
import com.crmbot.customer.PendingChoices;
import com.crmbot.template.TemplateService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The bot as connectors see it. Every inbound message: identify the sender, check the
 * text, then a command ({@code /...} or a configured alias) or an inquiry to file.
 */
@Component
class BotHandler implements InboundMessageHandler {

	private static final Logger log = LoggerFactory.getLogger(BotHandler.class);

	static final String ORIGIN = "origin";

	private final ConfigService config;

	private final TemplateService templates;

	private final CommandDispatcher commands;

	private final InquiryReplies inquiries;

	private final CustomerMessages customerMessages;

	private final MediaFiling media;

	private final List<MessageHandlerExtension> extensions;

	private final List<BotEventHandler> eventHandlers;

	private final PendingChoices choices;

	private final ReminderRequests reminders;

	private final GroupPrivacy groupPrivacy;

	BotHandler(ConfigService config, TemplateService templates, CommandDispatcher commands, InquiryReplies inquiries,
			CustomerMessages customerMessages, MediaFiling media, List<MessageHandlerExtension> extensions,
			List<BotEventHandler> eventHandlers, PendingChoices choices, ReminderRequests reminders,
			GroupPrivacy groupPrivacy) {
		this.choices = choices;
		this.reminders = reminders;
		this.groupPrivacy = groupPrivacy;
		this.config = config;
		this.templates = templates;
		this.commands = commands;
		this.inquiries = inquiries;
		this.customerMessages = customerMessages;
		this.media = media;
		this.extensions = extensions;
		this.eventHandlers = eventHandlers;
	}

	@Override
	public List<Reply> handle(ChatMessage m) {
		List<Reply> replies;
		try (com.crmbot.customer.Disclosures.Scope shown = com.crmbot.customer.Disclosures.open()) {
			replies = dispatch(m);
			replies = groupPrivacy.apply(m, replies, shown.customers());
		}
		log.info("reply platform={} msg={} replies={}", m.platform().id(), m.messageId(), replies.size());
		return replies;
	}

	/**
	 * A batch of messages (a connector's inbound batch): consecutive plain inquiries are
	 * filed together ({@link InquiryReplies#fileAll}: one look-up of every phone and
	 * company, customers and follow-ups inserted in bulk); everything else is handled one
	 * by one, in order. Should the bulk filing fail, its messages are handled one by one
	 * (filing is idempotent), so one bad message never fails the others.
	 */
	@Override
	public List<Handled> handleAll(List<ChatMessage> messages) {
		if (messages.size() == 1) {
			return InboundMessageHandler.super.handleAll(messages);
		}
		Handled[] out = new Handled[messages.size()];
		List<Integer> run = new ArrayList<>();
		List<InquiryReplies.Request> inquiriesRun = new ArrayList<>();
		for (int i = 0; i < messages.size(); i++) {
			ChatMessage m = messages.get(i);
			Actor inquirer;
			try {
				inquirer = plainInquiry(m);
			}
			catch (RuntimeException ex) {
				inquirer = null;
			}
			if (inquirer != null) {
				log.info("inbound platform={} msg={} user={} kind=inquiry", m.platform().id(), m.messageId(),
						inquirer.id());
				run.add(i);
				inquiriesRun.add(new InquiryReplies.Request(inquirer, m));
				continue;
			}
			// anything else sees the inquiries before it filed
			fileRun(messages, run, inquiriesRun, out);
			try {
				out[i] = Handled.ok(handle(m));
			}
			catch (RuntimeException ex) {
				out[i] = Handled.failed(ex);
			}
		}
		fileRun(messages, run, inquiriesRun, out);
		return List.of(out);
	}

	/**
	 * The rep to file the message for when {@link #route} would file it as an inquiry;
	 * null otherwise. Reads nothing from the store and changes nothing.
	 */
	private Actor plainInquiry(ChatMessage m) {
		if ("customer".equals(m.extras().get(ORIGIN)) || m.type() != MessageType.TEXT || m.text() == null) {
			return null;
		}
		AdminConfig cfg = config.get();
		Optional<User> user = cfg.userOn(m.platform(), m.senderId());
		if (user.isEmpty() || MessageCheck.problem(m.text(), cfg.bot().maxMessageBytes()) != null) {
			return null;
		}
		String text = m.text().strip();
		if (text.startsWith("/") || text.startsWith("／") || text.matches("[1-9][0-9]?")
				|| MediaFiling.mayBeAnAnswer(m.text()) || ReminderRequests.TRIGGER.matcher(text).find()) {
			return null;
		}
		return new Actor(user.get(), cfg.roleOf(user.get()));
	}

	private void fileRun(List<ChatMessage> messages, List<Integer> run, List<InquiryReplies.Request> requests,
			Handled[] out) {
		if (run.isEmpty()) {
			return;
		}
		List<InquiryReplies.Answer> answers = null;
		try {
			answers = inquiries.fileAll(requests);
		}
		catch (RuntimeException ex) {
			log.warn("bulk filing of {} inquiries failed, filing them one by one: {}", run.size(), ex.toString());
		}
		for (int k = 0; k < run.size(); k++) {
			int i = run.get(k);
			ChatMessage m = messages.get(i);
			try (com.crmbot.customer.Disclosures.Scope shown = com.crmbot.customer.Disclosures.open()) {
				List<Reply> replies;
				if (answers != null) {
					com.crmbot.customer.Disclosures.shown(answers.get(k).shown());
					replies = answers.get(k).replies();
				}
				else {
					replies = inquiries.file(requests.get(k).actor(), m);
				}
				replies = groupPrivacy.apply(m, replies, shown.customers());
				log.info("reply platform={} msg={} replies={}", m.platform().id(), m.messageId(), replies.size());
				out[i] = Handled.ok(replies);
			}
			catch (RuntimeException ex) {
				out[i] = Handled.failed(ex);
			}
		}
		run.clear();
		requests.clear();
	}

	/**
	 * Where a message goes: its replies, or (for a plain inquiry from a rep) the actor to
	 * file it for.
	 */
	private record Routed(List<Reply> replies, Actor inquiry) {
	}

	private List<Reply> dispatch(ChatMessage m) {
		Routed r = route(m);
		return (r.inquiry() != null) ? inquiries.file(r.inquiry(), m) : r.replies();
	}

	private Routed route(ChatMessage m) {
		AdminConfig cfg = config.get();
		if ("customer".equals(m.extras().get(ORIGIN))) {
			log.info("inbound platform={} msg={} from=customer type={}", m.platform().id(), m.messageId(), m.type());
			return new Routed(customerMessages.handle(m), null);
		}
		Optional<User> user = cfg.userOn(m.platform(), m.senderId());
		if (user.isEmpty()) {
			log.info("inbound platform={} msg={} from=unknown-user", m.platform().id(), m.messageId());
			return new Routed(
					List.of(Reply.text(templates.reply(TemplateService.DEFAULT_LOCALE, "unknown-user", Map.of()))),
					null);
		}
		Actor actor = new Actor(user.get(), cfg.roleOf(user.get()));
		if (m.type() != MessageType.TEXT) {
			log.info("inbound platform={} msg={} user={} kind=media type={}", m.platform().id(), m.messageId(),
					actor.id(), m.type());
			for (MessageHandlerExtension ext : extensions) {
				if (ext.supports(m)) {
					return new Routed(ext.handle(m, actor), null);
				}
			}
			return new Routed(media.file(m, actor), null);
		}
		Optional<List<Reply>> chosen = media.answer(m, actor);
		if (chosen.isPresent()) {
			log.info("inbound platform={} msg={} user={} kind=media-choice", m.platform().id(), m.messageId(),
					actor.id());
			return new Routed(chosen.get(), null);
		}
		String problem = MessageCheck.problem(m.text(), cfg.bot().maxMessageBytes());
		if (problem != null) {
			log.info("inbound platform={} msg={} user={} kind=rejected reason={}", m.platform().id(), m.messageId(),
					actor.id(), problem);
			return new Routed(
					List.of(Reply
						.text(templates.reply(actor.locale(), problem, Map.of("limit", cfg.bot().maxMessageBytes())))),
					null);
		}
		String text = m.text().strip();
		if (text.startsWith("/") || text.startsWith("／")) {
			return new Routed(commands.dispatch(actor, m, text.substring(1)), null);
		}
		if (text.matches("[1-9][0-9]?")) {
			Optional<String> picked = choices.answer(actor.id(), Integer.parseInt(text));
			if (picked.isPresent()) {
				return new Routed(commands.dispatch(actor, m, picked.get().substring(1)), null);
			}
		}
		Optional<List<Reply>> reminder = reminders.handle(actor, m, text);
		if (reminder.isPresent()) {
			log.info("inbound platform={} msg={} user={} kind=reminder", m.platform().id(), m.messageId(), actor.id());
			return new Routed(reminder.get(), null);
		}
		log.info("inbound platform={} msg={} user={} kind=inquiry", m.platform().id(), m.messageId(), actor.id());
		return new Routed(null, actor);
	}

	@Override
	public List<Reply> onEvent(ChatEvent event) {
		AdminConfig cfg = config.get();
		Optional<Actor> actor = cfg.userOn(event.platform(), event.userId()).map((u) -> new Actor(u, cfg.roleOf(u)));
		log.info("event platform={} id={} type={} user={}", event.platform().id(), event.eventId(), event.type(),
				actor.map(Actor::id).orElse("?"));
		if (ChatEvent.BUTTON_CLICKED.equals(event.type()) && actor.isPresent()) {
			String command = event.attributes().getOrDefault("command", event.attributes().get("key"));
			if (command != null && command.startsWith("/")) {
				ChatMessage asMessage = new ChatMessage(event.eventId(), event.platform(), event.userId(),
						event.userId(), command, event.at(), MessageType.TEXT, false, null, null);
				return commands.dispatch(actor.get(), asMessage, command.substring(1));
			}
		}
		for (BotEventHandler h : eventHandlers) {
			if (h.supports(event)) {
				return h.handle(event, actor);
			}
		}
		if ("enter_agent".equals(event.type()) && actor.isPresent()) {
			return List.of(templates.card(actor.get().locale(), "welcome", Map.of("name", actor.get().user().name())));
		}
		return List.of();
	}

}
