package com.crmbot.task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.connector.Reply;

import org.springframework.stereotype.Component;

/**
 * {@code /snooze <任务> [时长]}: remind me again later (default 1 hour; a bare number is
 * hours), counted from the task's due time when that is still ahead, else from now.
 */
@Component
class SnoozeCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("snooze", Permission.USER);

	private final TaskService tasks;

	private final TaskReplies util;

	SnoozeCommand(TaskService tasks, TaskReplies util) {
		this.tasks = tasks;
		this.util = util;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<String> tokens = ctx.tokens();
		if (tokens.isEmpty() || tokens.size() > 2) {
			return ctx.usage();
		}
		Duration d = (tokens.size() == 2) ? TaskReplies.duration(tokens.get(1)) : Duration.ofHours(1);
		if (d == null) {
			return ctx.usage();
		}
		TaskReplies.Found f = util.find(ctx, tokens.get(0));
		if (!f.found()) {
			return f.replies();
		}
		Task t = f.task();
		// later than it is now, and never earlier than it was due: a task due on the 8th
		// snoozed for 2 days on the 3rd is due on the 10th, not the 5th
		Instant now = util.now().toInstant();
		Instant from = (t.dueAt() != null && t.dueAt().isAfter(now)) ? t.dueAt() : now;
		Instant due = from.plus(d);
		if (t.status() != Task.Status.OPEN || !tasks.reschedule(t, due)) {
			return ctx.say("task-already-done", Map.of("task", TaskService.shortId(t.id()), "title", t.title()));
		}
		return ctx.say("task-snoozed",
				Map.of("task", TaskService.shortId(t.id()), "title", t.title(), "due", util.format(due)));
	}

}
