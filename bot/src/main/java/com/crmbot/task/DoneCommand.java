package com.crmbot.task;

import java.util.List;
import java.util.Map;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.connector.Reply;

import org.springframework.stereotype.Component;

/** {@code /done <任务>}: finish a task (acknowledges its reminder). */
@Component
class DoneCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("done", Permission.USER);

	private final TaskService tasks;

	private final TaskReplies util;

	DoneCommand(TaskService tasks, TaskReplies util) {
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
		if (tokens.size() != 1) {
			return ctx.usage();
		}
		TaskReplies.Found f = util.find(ctx, tokens.get(0));
		if (!f.found()) {
			return f.replies();
		}
		Task t = f.task();
		if (t.status() != Task.Status.OPEN || !tasks.complete(t)) {
			return ctx.say("task-already-done", Map.of("task", TaskService.shortId(t.id()), "title", t.title()));
		}
		return ctx.say("task-done", Map.of("task", TaskService.shortId(t.id()), "title", t.title()));
	}

}
