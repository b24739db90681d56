package com.crmbot.task;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.config.AdminConfig;
import com.crmbot.config.ConfigService;
import com.crmbot.config.OrgConfig.User;
import com.crmbot.config.OrgConfig.Visibility;
import com.crmbot.connector.Reply;
import com.crmbot.connector.outbox.Outbox;
import com.crmbot.connector.outbox.OutboxEntry;
import com.crmbot.text.Lexicon;

import org.springframework.stereotype.Component;

/**
 * {@code /reminders missed [用户]}: reminders of the last 7 days that did not reach their
 * user or were not acknowledged, with the reason. Reps see their own; supervisors their
 * department's; directors and admins everyone's.
 */
@Component
class RemindersCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("reminders", Permission.USER);

	private final ReminderService reminders;

	private final Outbox outbox;

	private final SmsService sms;

	private final ConfigService config;

	private final TaskReplies util;

	RemindersCommand(ReminderService reminders, Outbox outbox, SmsService sms, ConfigService config, TaskReplies util) {
		this.reminders = reminders;
		this.outbox = outbox;
		this.sms = sms;
		this.config = config;
		this.util = util;
	}

	@Lexicon("the word for missed reminders")
	private static final java.util.Set<String> MISSED = java.util.Set.of("missed", "未送达");

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<String> tokens = ctx.tokens();
		if (tokens.isEmpty() || !MISSED.contains(tokens.get(0).toLowerCase(java.util.Locale.ROOT))
				|| tokens.size() > 2) {
			return ctx.usage();
		}
		AdminConfig cfg = config.get();
		List<String> scope = scope(cfg, ctx.actor().user(), ctx.actor().role().visibility());
		if (tokens.size() == 2) {
			String who = tokens.get(1);
			Optional<User> u = cfg.org()
				.users()
				.stream()
				.filter((x) -> x.id().equals(who) || x.name().equals(who))
				.findFirst();
			if (u.isEmpty()) {
				return ctx.say("reminders-unknown-user", Map.of("user", who));
			}
			if (!scope.contains(u.get().id())) {
				return ctx.say("reminders-not-allowed", Map.of("user", u.get().name()));
			}
			scope = List.of(u.get().id());
		}
		Instant now = util.now().toInstant();
		List<String> lines = new ArrayList<>();
		for (Reminder r : reminders.recentFor(scope, now.minus(Duration.ofDays(7)), 500)) {
			List<String> reasons = reasons(ctx, cfg, r, now);
			if (reasons.isEmpty()) {
				continue;
			}
			String owner = cfg.user(r.userId()).map(User::name).orElse(r.userId());
			lines.add(ctx.text("missed-item", Map.of("task", TaskService.shortId(r.taskId()), "title", r.title(),
					"owner", owner, "due", util.format(r.dueAt()), "reason", String.join("; ", reasons))));
			if (lines.size() >= 50) {
				break;
			}
		}
		if (lines.isEmpty()) {
			return ctx.say("missed-none", Map.of());
		}
		return ctx.say("missed-list", Map.of("count", lines.size(), "items", String.join("\n", lines)));
	}

	private static List<String> scope(AdminConfig cfg, User me, Visibility visibility) {
		return switch (visibility) {
			case ALL -> cfg.org().users().stream().map(User::id).toList();
			case DEPARTMENT ->
				cfg.org().users().stream().filter((u) -> me.department().equals(u.department())).map(User::id).toList();
			case OWN -> List.of(me.id());
		};
	}

	/** Why this reminder did not reach (or move) its user; empty when all is well. */
	List<String> reasons(CommandContext ctx, AdminConfig cfg, Reminder r, Instant now) {
		List<String> out = new ArrayList<>();
		if (r.status() == Reminder.Status.ACKED || r.status() == Reminder.Status.CANCELLED) {
			return out;
		}
		if (r.note() != null) {
			String key = switch (r.note()) {
				case "no-platform-id" -> "missed-no-platform";
				case "no-mobile" -> "missed-no-mobile";
				case "no-sms-gateway" -> "missed-no-sms";
				default -> null;
			};
			out.add((key != null) ? ctx.text(key, Map.of()) : r.note());
		}
		if (r.urgent() && r.status() != Reminder.Status.PENDING) {
			SmsMessage m = sms.find("sms:" + r.id() + ":" + r.dueAt().toEpochMilli());
			if (m != null && m.status() == SmsMessage.Status.FAILED) {
				out.add(ctx.text("missed-sms-failed", Map.of("error", String.valueOf(m.lastError()))));
			}
		}
		Duration grace = Duration.ofSeconds(Math.max(60, 2L * cfg.workflow().reminders().dispatchIntervalSeconds()));
		switch (r.status()) {
			case PENDING -> {
				if (r.dueAt().plus(grace).isBefore(now)) {
					out.add(ctx.text(r.leaseUntil().isAfter(now) ? "missed-sending" : "missed-not-dispatched",
							Map.of()));
				}
			}
			case SENT -> {
				Optional<OutboxEntry> e = outbox.find(r.outboxKey());
				if (e.isEmpty()) {
					out.add(ctx.text("missed-not-dispatched", Map.of()));
				}
				else if (e.get().status() == OutboxEntry.Status.FAILED) {
					out.add(ctx.text("missed-failed", Map.of("error", String.valueOf(e.get().lastError()))));
				}
				else if (e.get().status() != OutboxEntry.Status.SENT) {
					if (e.get().lastError() != null) {
						out.add(ctx.text("missed-retrying", Map.of("error", e.get().lastError())));
					}
					else if (e.get().createdAt().plus(grace).isBefore(now)) {
						out.add(ctx.text("missed-queued", Map.of()));
					}
				}
				else if (r.sentAt() != null && r.sentAt().plus(cfg.workflow().reminders().ack()).isBefore(now)) {
					long minutes = Duration.between(r.sentAt(), now).toMinutes();
					out.add(ctx.text("missed-unacked", Map.of("minutes", minutes)));
					if (r.escalatedAt() != null) {
						out.add(ctx.text("missed-escalated", Map.of()));
					}
				}
			}
			default -> {
			}
		}
		return out;
	}

}
