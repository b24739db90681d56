package com.crmbot.conversation;

import com.crmbot.text.Lexicon;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.crmbot.chat.Actor;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.ChatMessage;
import com.crmbot.connector.Reply;
import com.crmbot.customer.Customer;
import com.crmbot.customer.CustomerMentions;
import com.crmbot.customer.CustomerService;
import com.crmbot.customer.PendingChoices;
import com.crmbot.task.TimeParser;
import com.crmbot.template.TemplateService;
import com.crmbot.text.Phones;

import org.springframework.stereotype.Component;

/**
 * A reminder asked for in plain words ("明天下午3点提醒我给云帆的陈丽打电话", "remind me to call Chen
 * tomorrow 9am") becomes a task: the time is the longest part of the text the task time
 * parser reads ({@link TimeParser}), the customer is the one the text mentions
 * ({@link CustomerMentions}), the rest is the task's title. It then runs exactly like
 * {@code /task <客户> <内容> <时间>}, so an ambiguous or past time is confirmed back the same
 * way; several possible customers are offered as numbered choices.
 */
@Component
class ReminderRequests {

	@Lexicon("reminder request words")
	static final Pattern TRIGGER = Pattern.compile("(?i)(?:记得|请|麻烦)?提醒(?:一下|下)?我(?:一下|下)?|remind\\s+me(?:\\s+to)?");

	private static final int LONGEST_TIME = 24;

	@Lexicon("filler words before a reminder time")
	private static final String LEAD = "(?:[\\s,，。.!！;；:：、]|记得|麻烦|请|帮我|到时候?|在|于|要|去)+";

	private static final String TRAIL = "[\\s,，。.!！;；:：、]+";

	private final CustomerMentions mentions;

	private final CommandDispatcher commands;

	private final PendingChoices choices;

	private final TemplateService templates;

	private final ConfigService config;

	private final Clock clock;

	ReminderRequests(CustomerMentions mentions, CommandDispatcher commands, PendingChoices choices,
			TemplateService templates, ConfigService config, Clock clock) {
		this.mentions = mentions;
		this.commands = commands;
		this.choices = choices;
		this.templates = templates;
		this.config = config;
		this.clock = clock;
	}

	/** The answer when the text asks for a reminder, else empty. */
	Optional<List<Reply>> handle(Actor actor, ChatMessage m, String text) {
		Matcher trigger = TRIGGER.matcher(text);
		if (!trigger.find()) {
			return Optional.empty();
		}
		String locale = actor.locale();
		ZonedDateTime now = clock.instant().atZone(config.get().workflow().zone());
		int[] time = timeSpan(text, trigger.start(), trigger.end(), now);
		if (time == null) {
			return Optional.of(List.of(Reply.text(templates.reply(locale, "reminder-no-time", Map.of()))));
		}
		String when = text.substring(time[0], time[1]).strip();
		String title = title(text, List.of(new int[] { trigger.start(), trigger.end() }, time));
		if (title.isEmpty()) {
			title = templates.reply(locale, "reminder-default-title", Map.of()).strip();
		}
		List<Customer> found = mentions.in(actor, text);
		if (found.isEmpty()) {
			return Optional.of(List.of(Reply.text(templates.reply(locale, "reminder-no-customer", Map.of()))));
		}
		if (found.size() == 1) {
			return Optional.of(commands.dispatch(actor, m, command(found.get(0), title, when)));
		}
		List<String> lines = new ArrayList<>();
		List<String> offered = new ArrayList<>();
		List<Reply.Button> buttons = new ArrayList<>();
		for (int i = 0; i < Math.min(found.size(), 6); i++) {
			Customer c = found.get(i);
			lines.add((i + 1) + ". " + c.name() + ((c.contact() != null) ? " " + c.contact() : "")
					+ ((c.phone() != null) ? " " + Phones.readable(c.phone()) : ""));
			String cmd = "/" + command(c, title, when);
			offered.add(cmd);
			buttons.add(new Reply.Button("choice:" + (i + 1), (i + 1) + " " + c.name(), cmd));
		}
		choices.offer(actor.id(), offered);
		return Optional.of(List.of(Reply
			.text(templates.reply(locale, "reminder-which-customer",
					Map.of("title", title, "when", when, "candidates", String.join("\n", lines))))
			.withButtons(buttons)));
	}

	private static String command(Customer c, String title, String when) {
		return "task " + CustomerService.shortId(c.id()) + " " + title + " " + when;
	}

	/**
	 * [start, end) of the longest part of the text outside the trigger that reads as a
	 * time, or null.
	 */
	static int[] timeSpan(String text, int triggerStart, int triggerEnd, ZonedDateTime now) {
		int[] best = null;
		for (int i = 0; i < text.length(); i++) {
			for (int j = Math.min(text.length(), i + LONGEST_TIME); j > i; j--) {
				if (best != null && j - i <= best[1] - best[0]) {
					break;
				}
				if (i < triggerEnd && j > triggerStart) {
					continue;
				}
				if (Character.isWhitespace(text.charAt(i)) || Character.isWhitespace(text.charAt(j - 1))) {
					continue;
				}
				if (TimeParser.parse(text.substring(i, j), now).isPresent()) {
					best = new int[] { i, j };
				}
			}
		}
		return best;
	}

	/** The text without the given spans, trimmed of punctuation and filler words. */
	static String title(String text, List<int[]> spans) {
		StringBuilder b = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			final int at = i;
			if (spans.stream().noneMatch((s) -> at >= s[0] && at < s[1])) {
				b.append(text.charAt(i));
			}
			else if (b.length() > 0 && b.charAt(b.length() - 1) != ' ') {
				b.append(' ');
			}
		}
		String t = b.toString().replaceAll("\\s+", " ");
		t = t.replaceAll("^" + LEAD, "").replaceAll(TRAIL + "$", "");
		return t.strip();
	}

}
