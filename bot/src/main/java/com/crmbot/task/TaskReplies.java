package com.crmbot.task;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.crmbot.chat.CommandContext;
import com.crmbot.config.ConfigService;
import com.crmbot.connector.Reply;
import com.crmbot.customer.Customer;
import com.crmbot.text.Lexicon;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** What the task commands share: finding "my task", formatting times, durations. */
@Component
class TaskReplies {

	@Lexicon("durations")
	private static final Pattern DURATION = Pattern
		.compile("(\\d+)\\s*(m|min|mins|minutes?|分钟|分|h|hr|hrs|hours?|小时|个小时|钟头|d|days?|天)?");

	private final TaskService tasks;

	private final ConfigService config;

	private final Clock clock;

	private final MongoTemplate mongo;

	TaskReplies(TaskService tasks, ConfigService config, Clock clock, MongoTemplate mongo) {
		this.tasks = tasks;
		this.config = config;
		this.clock = clock;
		this.mongo = mongo;
	}

	ZoneId zone() {
		return config.get().workflow().zone();
	}

	ZonedDateTime now() {
		return clock.instant().atZone(zone());
	}

	String format(Instant t) {
		return ReminderService.WHEN.format(t.atZone(zone()));
	}

	String customerName(String customerId) {
		if (customerId == null) {
			return "—";
		}
		Customer c = mongo.findById(customerId, Customer.class);
		return (c != null) ? c.name() : "—";
	}

	/** The actor's task named by {@code ref}, or the replies explaining why not. */
	Found find(CommandContext ctx, String ref) {
		List<Task> found = tasks.matching(ctx.actor().id(), ref);
		if (found.isEmpty()) {
			if (ref.matches("[0-9a-fA-F]{24}") && tasks.byId(ref.toLowerCase()).isPresent()) {
				return new Found(null, ctx.say("task-not-yours", Map.of("ref", ref)));
			}
			return new Found(null, ctx.say("task-not-found", Map.of("ref", ref)));
		}
		List<Task> open = found.stream().filter((t) -> t.status() == Task.Status.OPEN).toList();
		if (open.size() > 1) {
			StringBuilder sb = new StringBuilder();
			for (Task t : open) {
				sb.append("• ").append(TaskService.shortId(t.id())).append(' ').append(t.title()).append('\n');
			}
			return new Found(null, ctx.say("task-ambiguous", Map.of("ref", ref, "tasks", sb.toString().strip())));
		}
		return new Found(open.isEmpty() ? found.get(0) : open.get(0), List.of());
	}

	/** "1h", "30m", "2d", "90分钟", "半小时"; a bare number is hours. Null when unreadable. */
	@Lexicon("durations")
	static Duration duration(String text) {
		String s = text.strip().toLowerCase(java.util.Locale.ROOT);
		if (s.equals("半小时") || s.equals("30min")) {
			return Duration.ofMinutes(30);
		}
		Matcher m = DURATION.matcher(s);
		if (!m.matches()) {
			return null;
		}
		long n = Long.parseLong(m.group(1));
		String unit = (m.group(2) != null) ? m.group(2) : "h";
		Duration d;
		if (unit.startsWith("m") || unit.startsWith("分")) {
			d = Duration.ofMinutes(n);
		}
		else if (unit.startsWith("d") || unit.equals("天")) {
			d = Duration.ofDays(n);
		}
		else {
			d = Duration.ofHours(n);
		}
		return (d.isZero() || d.compareTo(Duration.ofDays(365)) > 0) ? null : d;
	}

	/** Buttons offering each reading as the given command prefix + exact time. */
	List<Reply.Button> choices(CommandContext ctx, List<Instant> candidates, String keyPrefix, String commandPrefix,
			boolean byIndex) {
		List<Reply.Button> buttons = new ArrayList<>();
		for (int i = 0; i < candidates.size(); i++) {
			String when = format(candidates.get(i));
			String arg = byIndex ? Integer.toString(i + 1) : when;
			buttons.add(new Reply.Button(keyPrefix + ":" + (i + 1), when, commandPrefix + " " + arg));
		}
		return buttons;
	}

	String numbered(List<Instant> candidates) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < candidates.size(); i++) {
			sb.append(i + 1).append(") ").append(format(candidates.get(i))).append('\n');
		}
		return sb.toString().strip();
	}

	/** Either a task or the replies explaining why not. */
	record Found(Task task, List<Reply> replies) {

		boolean found() {
			return task != null;
		}

	}

}
