package com.crmbot.task;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.crmbot.chat.Args;
import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.connector.Reply;

import org.springframework.stereotype.Component;

/**
 * {@code /reschedule <任务> <时间>}: move a task; ambiguous or past times are confirmed back.
 */
@Component
class RescheduleCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("reschedule", Permission.USER);

	private final TaskService tasks;

	private final TaskReplies util;

	RescheduleCommand(TaskService tasks, TaskReplies util) {
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
		if (tokens.size() < 2) {
			return ctx.usage();
		}
		TaskReplies.Found f = util.find(ctx, tokens.get(0));
		if (!f.found()) {
			return f.replies();
		}
		Task t = f.task();
		if (t.status() != Task.Status.OPEN) {
			return ctx.say("task-already-done", Map.of("task", TaskService.shortId(t.id()), "title", t.title()));
		}
		Optional<TimeParser.Result> r = TimeParser.parse(Args.rest(ctx.args(), 1), util.now());
		if (r.isEmpty()) {
			return ctx.say("task-no-time", Map.of("synopsis", ctx.synopsis()));
		}
		TimeParser.Result when = r.get();
		if (when.kind() == TimeParser.Kind.EXACT) {
			Instant due = when.best().toInstant();
			if (!tasks.reschedule(t, due)) {
				return ctx.say("task-already-done", Map.of("task", TaskService.shortId(t.id()), "title", t.title()));
			}
			return ctx.say("task-rescheduled",
					Map.of("task", TaskService.shortId(t.id()), "title", t.title(), "due", util.format(due)));
		}
		List<Instant> candidates = when.candidates().stream().map(ZonedDateTime::toInstant).toList();
		if (candidates.isEmpty()) {
			return ctx.say("task-past", Map.of());
		}
		String key = (when.kind() == TimeParser.Kind.PAST) ? "reschedule-past-suggest" : "reschedule-confirm";
		Reply reply = ctx.reply(key, Map.of("title", t.title(), "choices", util.numbered(candidates)));
		return List.of(reply
			.withButtons(util.choices(ctx, candidates, "task:reschedule:" + t.id(), "/reschedule " + t.id(), false)));
	}

}
