package com.crmbot.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.crmbot.chat.Command;
import com.crmbot.chat.CommandContext;
import com.crmbot.chat.CommandSpec;
import com.crmbot.chat.Permission;
import com.crmbot.connector.Reply;
import com.crmbot.customer.ChangeLog;
import com.crmbot.text.Lexicon;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * {@code /priority <任务> <普通|重要|紧急>}: change an open task's priority (an urgent task's
 * reminder also goes by SMS and escalates). {@code /undo} takes it back.
 */
@Component
class PriorityCommand implements Command {

	private static final CommandSpec SPEC = new CommandSpec("priority", Permission.USER);

	private final TaskReplies util;

	private final MongoTemplate mongo;

	private final ChangeLog changes;

	PriorityCommand(TaskReplies util, MongoTemplate mongo, ChangeLog changes) {
		this.util = util;
		this.mongo = mongo;
		this.changes = changes;
	}

	@Override
	public CommandSpec spec() {
		return SPEC;
	}

	/** A priority as people write it, or null. */
	@Lexicon("priorities as people write them")
	static Task.Priority parse(String s) {
		return switch (s.strip().toLowerCase(Locale.ROOT)) {
			case "urgent", "紧急", "加急", "!!" -> Task.Priority.URGENT;
			case "high", "高", "重要", "!" -> Task.Priority.HIGH;
			case "normal", "普通", "一般", "低", "low" -> Task.Priority.NORMAL;
			default -> null;
		};
	}

	@Override
	public List<Reply> run(CommandContext ctx) {
		List<String> tokens = ctx.tokens();
		if (tokens.size() != 2) {
			return ctx.usage();
		}
		Task.Priority priority = parse(tokens.get(1));
		if (priority == null) {
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
		String label = label(ctx, priority);
		if (t.priority() == priority) {
			return ctx.say("priority-same", Map.of("title", t.title(), "priority", label));
		}
		String group = changes.newGroup();
		Map<String, Object> before = new LinkedHashMap<>();
		before.put("priority", (t.priority() != null) ? t.priority().name() : null);
		mongo.updateFirst(Query.query(Criteria.where("_id").is(t.id())), new Update().set("priority", priority),
				Task.class);
		changes.record(group, ctx.actor().id(), ChangeLog.Kind.PRIORITY, Task.COLLECTION, t.id(), before, t.title());
		Reminder r = mongo.findById(t.id(), Reminder.class);
		if (r != null) {
			mongo.updateFirst(Query.query(Criteria.where("_id").is(t.id())),
					new Update().set("urgent", priority == Task.Priority.URGENT), Reminder.class);
			changes.record(group, ctx.actor().id(), ChangeLog.Kind.PRIORITY, Reminder.COLLECTION, t.id(),
					Map.of("urgent", r.urgent()), t.title());
		}
		return ctx.say("priority-changed", Map.of("title", t.title(), "task", TaskService.shortId(t.id()), "priority",
				label, "old", label(ctx, (t.priority() != null) ? t.priority() : Task.Priority.NORMAL)));
	}

	static String label(CommandContext ctx, Task.Priority p) {
		return switch (p) {
			case URGENT -> ctx.text("priority-urgent", Map.of());
			case HIGH -> ctx.text("priority-high", Map.of());
			default -> ctx.text("priority-normal", Map.of());
		};
	}

}
