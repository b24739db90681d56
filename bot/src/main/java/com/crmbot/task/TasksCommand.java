package com.crmbot.task;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.connector.Reply;

import org.springframework.stereotype.Component;

/** {@code /tasks}: my open tasks, overdue first. */
@Component
class TasksCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("tasks", Permission.USER);

	private final TaskService tasks;

	private final TaskReplies util;

	TasksCommand(TaskService tasks, TaskReplies util) {
		this.tasks = tasks;
		this.util = util;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<Task> open = tasks.openFor(ctx.actor().id());
		if (open.isEmpty()) {
			return ctx.say("tasks-none", Map.of());
		}
		Instant now = util.now().toInstant();
		StringBuilder sb = new StringBuilder();
		// openFor is earliest due first, so the overdue ones come first
		for (Task t : open) {
			boolean overdue = t.dueAt() != null && t.dueAt().isBefore(now);
			sb.append(ctx.text(overdue ? "tasks-item-overdue" : "tasks-item",
					Map.of("task", TaskService.shortId(t.id()), "title", t.title(), "customer",
							util.customerName(t.customerId()), "due",
							(t.dueAt() != null) ? util.format(t.dueAt()) : "—", "priority",
							(t.priority() == Task.Priority.NORMAL || t.priority() == null) ? ""
									: " 【" + PriorityCommand.label(ctx, t.priority()) + "】")))
				.append('\n');
		}
		long overdue = open.stream().filter((t) -> t.dueAt() != null && t.dueAt().isBefore(now)).count();
		return ctx.say("tasks-list", Map.of("count", open.size(), "overdue", overdue, "items", sb.toString().strip()));
	}

}
